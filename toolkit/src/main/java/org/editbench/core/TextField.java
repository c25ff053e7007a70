package org.editbench.core;

/**
 * What a reader makes of a string field's text, for a field that is large and wanted only for what
 * is worked out from it (a prompt's token count, the files it shows): {@link
 * JsonLineReader#readObjectsLeniently(java.nio.file.Path, Reporter, String, java.util.List,
 * java.util.Map)} hands it the characters instead of making a String of them, and keeps what it
 * returns in the line's object as a POJO node in the field's place.
 */
@FunctionalInterface
public interface TextField {
  /**
   * What to keep of the text {@code text[0, length)} (UTF-16, as a String would hold it). The array
   * is the reader's own buffer: it is valid during the call only and must not be kept. It may be
   * called for a line that then turns out to need the tree reader, which calls it again.
   */
  Object read(char[] text, int length);
}
