package org.editbench.results;

import org.editbench.inference.ResultRecord;

/** Why a prediction failed, read from the error text run-api writes (see {@link ResultRecord}). */
public enum FailureKind {
  /**
   * {@code Max retries (N) exceeded: …}: rate limits, server errors, time-outs; retried by a later
   * run.
   */
  RETRIES_EXHAUSTED("failed_retries"),
  /** {@code HTTP 4xx: …}: the API refused the request. */
  REJECTED("failed_rejected"),
  /** {@code input context exceeded}: too long for the model even after trimming. */
  CONTEXT_EXCEEDED("failed_context"),
  /** Any other text, such as failures written by other tools. */
  OTHER("failed_other");

  private final String column;

  FailureKind(String column) {
    this.column = column;
  }

  /** The summary column that counts this kind. */
  public String column() {
    return column;
  }

  public static FailureKind of(String error) {
    if (error.startsWith("Max retries (")) {
      return RETRIES_EXHAUSTED;
    }
    if (error.matches("(?s)^HTTP \\d{3}\\b.*")) {
      return REJECTED;
    }
    return error.equals(ResultRecord.CONTEXT_EXCEEDED) ? CONTEXT_EXCEEDED : OTHER;
  }
}
