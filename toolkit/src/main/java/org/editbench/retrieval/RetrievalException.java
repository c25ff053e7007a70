package org.editbench.retrieval;

/**
 * Retrieval for an instance cannot be done as asked: the clone is not a git repository, the
 * instance's base commit is not in it, or reading it failed. Unlike a missing base commit or a
 * missing clone (the reference falls back to the oracle context for those), this is an error the
 * user must fix, so it is never turned into a silent fallback.
 */
public final class RetrievalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RetrievalException(String message) {
    super(message);
  }

  public RetrievalException(String message, Throwable cause) {
    super(message, cause);
  }
}
