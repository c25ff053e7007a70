package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;
import org.editbench.core.Jsonl;

/** Reads what an API says when it fails: which kind of failure, its message, how long to wait. */
final class ApiErrors {
  /**
   * Error codes and types that mean "the prompt is too long": OpenAI's, 20059 (what some
   * OpenAI-compatible proxies send), llama.cpp's server's.
   */
  private static final Set<String> CONTEXT_CODES =
      Set.of(
          "context_length_exceeded",
          "20059",
          "string_above_max_length",
          "exceed_context_size_error");

  /**
   * Messages that say so: OpenAI, Anthropic, vLLM ("maximum context length"), llama.cpp ("exceeds
   * the available context size"), Gemini ("exceeds the maximum number of tokens allowed").
   */
  private static final Pattern CONTEXT_MESSAGE =
      Pattern.compile(
          "context[ _-]?length|context window|context size|maximum context|too many tokens"
              + "|prompt is too long|input is too long|input too long|exceeds the model's maximum"
              + "|maximum input length|maximum number of tokens",
          Pattern.CASE_INSENSITIVE);

  private static final int MAX_MESSAGE_CHARS = 500;

  private ApiErrors() {}

  /**
   * The outcome of a non-2xx answer: 408, 409, 429 and 5xx are retried (as the OpenAI SDKs do); a
   * 400/413 about the context length asks for a shorter prompt; any other 4xx is final.
   */
  static Outcome classify(int status, String statusText, String body, Duration retryAfter) {
    ApiError error = ApiError.parse(body);
    String message = error.message() != null ? error.message() : fallbackMessage(statusText, body);
    if (status == 408 || status == 409 || status == 429 || status >= 500) {
      return new Outcome.Retryable("HTTP " + status + ": " + message, retryAfter);
    }
    if ((status == 400 || status == 413) && error.isContextExceeded()) {
      return new Outcome.ContextExceeded("HTTP " + status + ": " + message);
    }
    return new Outcome.Rejected(status, message);
  }

  /**
   * An {@code error} object of an API answer: its code, type and message, any of them possibly
   * null.
   */
  record ApiError(String code, String type, String message) {
    static final ApiError NONE = new ApiError(null, null, null);

    /** The {@code error} of a JSON body (an object or a plain string), or {@link #NONE}. */
    static ApiError parse(String body) {
      try {
        return of(Jsonl.MAPPER.readTree(body));
      } catch (IOException | RuntimeException notJson) {
        return NONE;
      }
    }

    static ApiError of(JsonNode body) {
      if (body != null && body.isArray() && !body.isEmpty()) {
        body = body.get(0); // Gemini's OpenAI-compatible endpoint sends its error in an array
      }
      if (body == null || !body.isObject()) {
        return NONE;
      }
      JsonNode error = body.get("error");
      if ((error == null || error.isNull())
          && "error".equals(body.path("object").asText())
          && body.has("message")) {
        error = body; // vLLM before 0.6 sends the error's fields at the top, as object "error"
      }
      if (error == null || error.isNull()) {
        return NONE;
      }
      if (error.isTextual()) {
        return new ApiError(null, null, error.textValue());
      }
      String message = text(error.get("message"));
      return new ApiError(
          text(error.get("code")), text(error.get("type")), message == null ? null : clip(message));
    }

    private static String text(JsonNode value) {
      return value == null || value.isNull() ? null : value.asText();
    }

    boolean present() {
      return code != null || type != null || message != null;
    }

    /** The code, else the type: what names the error when it has no message. */
    String name() {
      return code != null ? code : type;
    }

    boolean isContextExceeded() {
      return CONTEXT_CODES.contains(String.valueOf(code))
          || CONTEXT_CODES.contains(String.valueOf(type))
          || (message != null && CONTEXT_MESSAGE.matcher(message).find());
    }
  }

  /**
   * How long the server asked us to wait: {@code retry-after-ms} (OpenAI), else {@code Retry-After}
   * in seconds or as an HTTP date; null when absent or unreadable.
   */
  static Duration retryAfter(String retryAfterMs, String retryAfter, Instant now) {
    if (retryAfterMs != null) {
      try {
        double ms = Double.parseDouble(retryAfterMs.trim());
        if (ms >= 0 && Double.isFinite(ms)) {
          return Duration.ofNanos((long) (ms * 1_000_000));
        }
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    if (retryAfter == null || retryAfter.isBlank()) {
      return null;
    }
    String value = retryAfter.trim();
    try {
      double seconds = Double.parseDouble(value);
      return seconds >= 0 && Double.isFinite(seconds)
          ? Duration.ofMillis((long) (seconds * 1000))
          : null;
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static String fallbackMessage(String statusText, String body) {
    String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (!text.isEmpty()) {
      return clip(text);
    }
    return statusText == null || statusText.isBlank() ? "(no message)" : statusText;
  }

  private static String clip(String text) {
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
