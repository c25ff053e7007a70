/**
 * BM25 retrieval of code context, as the reference's {@code _bm25_{n}} variants do it: read-only
 * git clones ({@link org.editbench.retrieval.GitClone}), a Lucene index per repository and commit
 * with BM25Okapi scoring ({@link org.editbench.retrieval.Bm25Index}, cached by {@link
 * org.editbench.retrieval.Bm25IndexStore}), and the infbench builder's context source ({@link
 * org.editbench.retrieval.Bm25CodeContextSource}).
 *
 * <p><b>May use:</b> {@code infbench}, {@code bench}, {@code core} and {@code text}.
 *
 * <p><b>To extend:</b> where clones and indexes live: {@link org.editbench.retrieval.Bm25Settings};
 * which files are candidates: {@link org.editbench.retrieval.CandidateFiles}; how code is
 * tokenized: {@link org.editbench.retrieval.CodeTokenizer}.
 */
package org.editbench.retrieval;
