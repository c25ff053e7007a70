package org.editbench.inference;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the model table: how to ask the model, with which sampling settings, how many tokens
 * it takes and what they cost.
 *
 * @param temperature as written in the table: an {@link Integer} or a {@link Double} (Python prints
 *     {@code 0} and {@code 0.0} differently, and the output folder shows it)
 * @param topP null when the table gives none; then no {@code top_p} is recorded or sent
 * @param encoding the jtokkit encoding that counts prompt tokens ({@code cl100k_base}, {@code
 *     o200k_base})
 * @param sampling the sampling parameters the model accepts, which alone go into a request: none
 *     for reasoning models such as gpt-5-codex, {@code temperature} alone for Claude; the record
 *     shows the table's temperature and top_p either way
 * @param batchDiscount the share of the price a provider's batch API charges (0.5: half price)
 * @param maxOutputTokens {@code max_tokens} of Anthropic requests, which the Messages API requires
 */
public record ModelSpec(
    String name,
    ApiStyle api,
    Number temperature,
    Number topP,
    int n,
    int contextLimit,
    double costPerInputToken,
    double costPerOutputToken,
    String encoding,
    Set<SamplingParameter> sampling,
    double batchDiscount,
    int maxOutputTokens) {
  /** What OpenAI and Anthropic charge for batch requests: half the price. */
  public static final double DEFAULT_BATCH_DISCOUNT = 0.5;

  public static final int DEFAULT_MAX_OUTPUT_TOKENS = 8192;

  /** The token encoding of a model whose entry names none, and of a model outside the table. */
  public static final String DEFAULT_ENCODING = "cl100k_base";

  public ModelSpec {
    ResultPaths.requireSafeModelName(name);
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(temperature, "temperature");
    sampling = Set.copyOf(Objects.requireNonNull(sampling, "sampling"));
    if (n < 1) {
      throw new IllegalArgumentException("model " + name + ": n must be at least 1, found " + n);
    }
    if (contextLimit < 1) {
      throw new IllegalArgumentException(
          "model " + name + ": context_limit must be positive, found " + contextLimit);
    }
    if (costPerInputToken < 0 || costPerOutputToken < 0) {
      throw new IllegalArgumentException(
          "model " + name + ": costs per token must not be negative");
    }
    if (!(batchDiscount > 0 && batchDiscount <= 1)) {
      throw new IllegalArgumentException(
          "model " + name + ": batch_discount must be in (0, 1], found " + batchDiscount);
    }
    if (maxOutputTokens < 1) {
      throw new IllegalArgumentException(
          "model " + name + ": max_tokens must be positive, found " + maxOutputTokens);
    }
    if (EncodingType.fromName(encoding).isEmpty()) {
      throw new IllegalArgumentException(
          "model "
              + name
              + ": unknown encoding '"
              + encoding
              + "' (use cl100k_base or o200k_base)");
    }
  }

  /** Whether requests to this model carry {@code parameter}. */
  public boolean accepts(SamplingParameter parameter) {
    return sampling.contains(parameter);
  }

  /** The temperature as Python prints the configured number: {@code 0}, {@code 1}, {@code 0.7}. */
  public String temperatureText() {
    return PyNumbers.str(temperature);
  }

  /** USD for a call that used these many tokens. */
  public double cost(long inputTokens, long outputTokens) {
    return costPerInputToken * inputTokens + costPerOutputToken * outputTokens;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    return new Builder(name)
        .api(api)
        .temperature(temperature)
        .topP(topP)
        .n(n)
        .contextLimit(contextLimit)
        .costPerInputToken(costPerInputToken)
        .costPerOutputToken(costPerOutputToken)
        .encoding(encoding)
        .sampling(sampling)
        .batchDiscount(batchDiscount)
        .maxOutputTokens(maxOutputTokens);
  }

  /**
   * Defaults: chat, T=0, top_p 0.95, n=1, 128,000 tokens, free, cl100k_base, the API style's
   * {@linkplain ApiStyle#defaultSampling() sampling parameters}, batches at half price, 8,192
   * output tokens for Anthropic.
   */
  public static final class Builder {
    private String name;
    private ApiStyle api = ApiStyle.CHAT;
    private Number temperature = 0;
    private Number topP = 0.95;
    private int n = 1;
    private int contextLimit = 128_000;
    private double costPerInputToken;
    private double costPerOutputToken;
    private String encoding = DEFAULT_ENCODING;

    /** Null until set: then the API style's default, whichever style is set last. */
    private Set<SamplingParameter> sampling;

    private double batchDiscount = DEFAULT_BATCH_DISCOUNT;
    private int maxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS;

    private Builder(String name) {
      this.name = name;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder api(ApiStyle value) {
      api = value;
      return this;
    }

    public Builder temperature(Number value) {
      temperature = value;
      return this;
    }

    public Builder topP(Number value) {
      topP = value;
      return this;
    }

    public Builder n(int value) {
      n = value;
      return this;
    }

    public Builder contextLimit(int value) {
      contextLimit = value;
      return this;
    }

    public Builder costPerInputToken(double value) {
      costPerInputToken = value;
      return this;
    }

    public Builder costPerOutputToken(double value) {
      costPerOutputToken = value;
      return this;
    }

    public Builder encoding(String value) {
      encoding = value;
      return this;
    }

    /** The sampling parameters the model accepts; null for the API style's default. */
    public Builder sampling(Set<SamplingParameter> value) {
      sampling = value;
      return this;
    }

    public Builder batchDiscount(double value) {
      batchDiscount = value;
      return this;
    }

    public Builder maxOutputTokens(int value) {
      maxOutputTokens = value;
      return this;
    }

    public ModelSpec build() {
      return new ModelSpec(
          name,
          api,
          temperature,
          topP,
          n,
          contextLimit,
          costPerInputToken,
          costPerOutputToken,
          encoding,
          sampling != null ? sampling : api.defaultSampling(),
          batchDiscount,
          maxOutputTokens);
    }
  }
}
