package org.editbench.retrieval;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A {@code git cat-file --batch} conversation: names in, then for each one {@code NAME TYPE SIZE\n}
 * and the object's bytes and {@code \n}, or {@code NAME missing\n}. Names are buffered until {@link
 * #flush} or {@link #endRequests}; answers come back in the order of the names.
 */
final class CatFileBatch {
  private final Process process;
  private final OutputStream requests;
  private final InputStream answers;

  private CatFileBatch(Process process) {
    this.process = process;
    this.requests = new BufferedOutputStream(process.getOutputStream());
    this.answers = new BufferedInputStream(process.getInputStream(), 1 << 16);
  }

  /** Starts a {@code cat-file --batch} of its own on {@code git}'s repository. */
  static CatFileBatch start(GitRunner git) {
    return new CatFileBatch(git.start("cat-file", "--batch"));
  }

  /** Asks for an object by name (or any revision expression git accepts). */
  void request(String name) throws IOException {
    requests.write(name.getBytes(StandardCharsets.US_ASCII));
    requests.write('\n');
  }

  void flush() throws IOException {
    requests.flush();
  }

  /** Sends what is buffered and tells git no more names come, which ends it after its answers. */
  void endRequests() throws IOException {
    requests.close();
  }

  /**
   * The next answer's header line, split at spaces: {@code NAME TYPE SIZE} or {@code NAME missing}.
   */
  String[] header() throws IOException {
    return readLine().split(" ");
  }

  /** Skips the object the last header announced, and the newline after it. */
  void skip(long size) throws IOException {
    answers.skipNBytes(size + 1);
  }

  /** The next answer, which must be the blob {@code blob}'s bytes. */
  byte[] next(String blob) throws IOException {
    String[] fields = header();
    if (fields.length != 3 || !fields[1].equals("blob")) {
      throw new IOException("git has no blob " + blob + " (" + String.join(" ", fields) + ")");
    }
    int size = Integer.parseInt(fields[2]);
    byte[] content = answers.readNBytes(size);
    if (content.length != size || answers.read() != '\n') {
      throw new EOFException("git cat-file ended within blob " + blob);
    }
    return content;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = answers.read(); c != '\n'; c = answers.read()) {
      if (c < 0) {
        throw processEnded();
      }
      line.append((char) c);
    }
    return line.toString();
  }

  /** Whether git has ended, waiting a moment for a git that is ending. */
  boolean ended() {
    try {
      return process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Why the answers stopped: git's complaint when it failed; waits for git to end. */
  IOException processEnded() {
    try {
      if (process.waitFor() == 0) {
        return new EOFException("git cat-file ended early");
      }
      String errors =
          new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return new IOException("git cat-file failed: " + errors);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new InterruptedIOException("interrupted while git cat-file ended");
    } catch (IOException e) {
      return e;
    }
  }

  /** Ends git, whatever it is doing: answers not yet read are dropped. */
  void close() {
    process.destroy();
  }
}
