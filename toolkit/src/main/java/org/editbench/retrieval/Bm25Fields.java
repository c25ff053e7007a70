package org.editbench.retrieval;

/** The fields of a BM25 index document: one document per candidate file. */
final class Bm25Fields {
  private Bm25Fields() {}

  /** The file's path in the repository, '/'-separated, stored. */
  static final String PATH = "path";

  /**
   * The git object name of the file's blob, stored: a retrieved file's text is read back from git.
   */
  static final String BLOB = "blob";

  /** The file's length in tokens, repeats included (BM25Okapi's document length), stored. */
  static final String LENGTH = "length";

  /** The file's text, analysed by {@link CodeAnalyzer}, with frequencies and without norms. */
  static final String BODY = "body";
}
