package org.editbench.infbench;

/** An instance that cannot yield a faithful infbench record; the run reports it and goes on. */
public final class InvalidInstanceException extends Exception {
  public InvalidInstanceException(String reason) {
    super(reason);
  }
}
