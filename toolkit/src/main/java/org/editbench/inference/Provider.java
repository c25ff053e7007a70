package org.editbench.inference;

import okhttp3.Request;

/**
 * Who serves a model over HTTP: where its API is, which environment variables hold its keys and
 * base URL, how a request carries the key, and how large one of its batches may be.
 */
public enum Provider {
  /**
   * The OpenAI API or any OpenAI-compatible server ({@code BASE_URL}); the key as a bearer token.
   */
  OPENAI(
      "https://api.openai.com/v1", "OPENAI_KEYS", "OPENAI_KEY", "BASE_URL", 50_000, 200_000_000L),
  /**
   * Anthropic's native API; the key in {@code x-api-key}, with the {@code anthropic-version}
   * header.
   */
  ANTHROPIC(
      "https://api.anthropic.com",
      "ANTHROPIC_KEYS",
      "ANTHROPIC_API_KEY",
      "ANTHROPIC_BASE_URL",
      100_000,
      256_000_000L);

  /** The API version every Anthropic request names. */
  static final String ANTHROPIC_VERSION = "2023-06-01";

  private final String defaultBaseUrl;
  private final String keysVariable;
  private final String keyVariable;
  private final String baseUrlVariable;
  private final int maxBatchRequests;
  private final long maxBatchBytes;

  Provider(
      String defaultBaseUrl,
      String keysVariable,
      String keyVariable,
      String baseUrlVariable,
      int maxBatchRequests,
      long maxBatchBytes) {
    this.defaultBaseUrl = defaultBaseUrl;
    this.keysVariable = keysVariable;
    this.keyVariable = keyVariable;
    this.baseUrlVariable = baseUrlVariable;
    this.maxBatchRequests = maxBatchRequests;
    this.maxBatchBytes = maxBatchBytes;
  }

  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** The comma-separated list of keys, e.g. {@code OPENAI_KEYS}. */
  public String keysVariable() {
    return keysVariable;
  }

  /** The single key, read when the list is not set, e.g. {@code OPENAI_KEY}. */
  public String keyVariable() {
    return keyVariable;
  }

  public String baseUrlVariable() {
    return baseUrlVariable;
  }

  /** Most requests one batch may hold (OpenAI: per input file; Anthropic: per batch). */
  public int maxBatchRequests() {
    return maxBatchRequests;
  }

  /**
   * Largest batch in bytes (OpenAI: the input file, 200 MB; Anthropic: the create request, 256 MB).
   */
  public long maxBatchBytes() {
    return maxBatchBytes;
  }

  /** Adds {@code key} (when not null) and any fixed headers the provider asks for. */
  void authenticate(Request.Builder request, String key) {
    if (this == ANTHROPIC) {
      request.header("anthropic-version", ANTHROPIC_VERSION);
      if (key != null) {
        request.header("x-api-key", key);
      }
    } else if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
  }
}
