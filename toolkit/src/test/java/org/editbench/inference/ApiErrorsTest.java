package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  private static Outcome classify(int status, String body) {
    return ApiErrors.classify(status, "Status", body, null);
  }

  @Test
  void rateLimitsServerErrorsAndConflictsAreRetried() {
    for (int status : new int[] {408, 409, 429, 500, 502, 503, 504}) {
      Outcome o = classify(status, "{\"error\": {\"message\": \"busy\"}}");
      assertEquals(new Outcome.Retryable("HTTP " + status + ": busy", null), o);
    }
  }

  @Test
  void contextLengthIsRecognisedByCodeOrMessage() {
    assertInstanceOf(
        Outcome.ContextExceeded.class,
        classify(400, "{\"error\": {\"code\": \"context_length_exceeded\", \"message\": \"x\"}}"));
    assertInstanceOf(
        Outcome.ContextExceeded.class,
        classify(400, "{\"error\": {\"code\": 20059, \"message\": \"x\"}}"));
    assertInstanceOf(
        Outcome.ContextExceeded.class,
        classify(
            400,
            "{\"error\": {\"message\": \"This model's maximum context length is 128000 tokens.\"}}"));
    assertInstanceOf(
        Outcome.ContextExceeded.class, classify(413, "{\"error\": \"prompt is too long\"}"));
  }

  @Test
  void contextLengthIsRecognisedInTheShapesOfOpenAiCompatibleServers() {
    // llama.cpp's server: a numeric code beside its type
    assertEquals(
        new Outcome.ContextExceeded(
            "HTTP 400: the request exceeds the available context size, try increasing it"),
        classify(
            400,
            "{\"error\": {\"code\": 400, \"message\": \"the request exceeds the available context"
                + " size, try increasing it\", \"type\": \"exceed_context_size_error\"}}"));
    assertInstanceOf(
        Outcome.ContextExceeded.class,
        classify(400, "{\"error\": {\"code\": 400, \"type\": \"exceed_context_size_error\"}}"));
    // vLLM before 0.6: the error's fields at the top
    assertEquals(
        new Outcome.ContextExceeded(
            "HTTP 400: This model's maximum context length is 32768 tokens. However, you requested"
                + " 40000 tokens."),
        classify(
            400,
            "{\"object\": \"error\", \"message\": \"This model's maximum context length is 32768"
                + " tokens. However, you requested 40000 tokens.\", \"type\": \"BadRequestError\","
                + " \"code\": 400}"));
    // Gemini's OpenAI-compatible endpoint: the error in an array
    assertEquals(
        new Outcome.ContextExceeded(
            "HTTP 400: The input token count (1200000) exceeds the maximum number of tokens allowed"
                + " (1048576)."),
        classify(
            400,
            "[{\"error\": {\"code\": 400, \"message\": \"The input token count (1200000) exceeds"
                + " the maximum number of tokens allowed (1048576).\", \"status\":"
                + " \"INVALID_ARGUMENT\"}}]"));
    // the same shapes with other messages stay final
    assertEquals(
        new Outcome.Rejected(400, "bad top_p"),
        classify(400, "{\"object\": \"error\", \"message\": \"bad top_p\", \"code\": 400}"));
    assertEquals(
        new Outcome.Rejected(400, "bad top_p"),
        classify(400, "[{\"error\": {\"code\": 400, \"message\": \"bad top_p\"}}]"));
  }

  @Test
  void otherClientErrorsAreRejectedWithTheirMessage() {
    assertEquals(
        new Outcome.Rejected(400, "bad temperature"),
        classify(
            400, "{\"error\": {\"message\": \"bad temperature\", \"code\": \"invalid_value\"}}"));
    assertEquals(
        new Outcome.Rejected(401, "<html> no </html>"), classify(401, "<html>  no\n</html>"));
    assertEquals(new Outcome.Rejected(404, "Status"), classify(404, ""));
  }

  @Test
  void retryAfterInSecondsMillisecondsOrAsADate() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    assertEquals(Duration.ofSeconds(3), ApiErrors.retryAfter(null, "3", now));
    assertEquals(Duration.ofMillis(1500), ApiErrors.retryAfter(null, "1.5", now));
    assertEquals(
        Duration.ofMillis(250),
        ApiErrors.retryAfter("250", "3", now),
        "retry-after-ms is more precise");
    assertEquals(
        Duration.ofSeconds(30), ApiErrors.retryAfter(null, "Wed, 01 Jan 2025 00:00:30 GMT", now));
    assertEquals(Duration.ZERO, ApiErrors.retryAfter(null, "Tue, 31 Dec 2024 23:00:00 GMT", now));
    assertNull(ApiErrors.retryAfter(null, "soon", now));
    assertNull(ApiErrors.retryAfter(null, null, now));
  }
}
