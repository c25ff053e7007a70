/**
 * Text algorithms that byte-identical output depends on: Python's {@code str} semantics ({@link
 * org.editbench.text.PyStrings}: white space, {@code strip}, {@code splitlines}), Python's regular
 * expressions ({@link org.editbench.text.PyRegex}), LF line indexing ({@link
 * org.editbench.text.LfLines}), the Levenshtein distance, HTML escaping, numbers written as the
 * root locale writes them without {@link java.util.Formatter} ({@link
 * org.editbench.text.PlainNumbers}), the columns a text takes in a terminal ({@link
 * org.editbench.text.TerminalColumns}), and a primitive cache from 64-bit hashes to counts ({@link
 * org.editbench.text.LongIntCache}).
 *
 * <p><b>May use:</b> the JDK only.
 *
 * <p><b>To extend:</b> every regex copied from the reference is compiled with {@code
 * PyRegex.compile}; every Python string method the reference relies on gets its twin in {@code
 * PyStrings}, never a private copy elsewhere.
 */
package org.editbench.text;
