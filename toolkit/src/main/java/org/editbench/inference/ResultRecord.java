package org.editbench.inference;

import java.util.Objects;
import java.util.regex.Pattern;
import org.editbench.core.JsonText;
import org.editbench.core.PyJson;

/**
 * One line of a prediction file, in the reference's field order and Python's {@code json.dumps}
 * formatting: {@code instance_id, model_name, temperature, top_p, n, prompt}, then either {@code
 * full_output, model_patch, cost, response_time} or, for a failure, {@code full_output: null,
 * model_patch: null, status: "failed", error} (every line has the fields the reference promises).
 *
 * <p>Failure texts carry their kind, so that a later run can tell from the file alone which
 * failures to retry: {@code Max retries (N) exceeded…} (the reference's wording) and {@code HTTP
 * 401/403/404…} (key or model set up wrongly, not the instance's fault) are retried; {@code input
 * context exceeded} and other refusals are final.
 */
public record ResultRecord(
    String instanceId, ModelSpec model, String prompt, Completion completion, String error) {
  public static final String CONTEXT_EXCEEDED = "input context exceeded";
  private static final String GAVE_UP_PREFIX = "Max retries (";
  private static final Pattern SETUP_FAILURE = Pattern.compile("^HTTP (401|403|404)\\b");
  private static final Pattern UNREACHABLE =
      Pattern.compile(
          "^"
              + Pattern.quote(GAVE_UP_PREFIX)
              + "\\d+\\) exceeded: "
              + Pattern.quote(Outcome.Retryable.CANNOT_CONNECT + " ("));

  public ResultRecord {
    Objects.requireNonNull(instanceId, "instanceId");
    if ((completion == null) == (error == null)) {
      throw new IllegalArgumentException("a record has either a completion or an error");
    }
  }

  public static ResultRecord success(
      String instanceId, ModelSpec model, String prompt, Completion completion) {
    return new ResultRecord(instanceId, model, prompt, completion, null);
  }

  /** A failure after the retries ran out; retried by the next run. */
  public static ResultRecord gaveUp(
      String instanceId, ModelSpec model, String prompt, int maxRetries, String reason) {
    return new ResultRecord(
        instanceId, model, prompt, null, GAVE_UP_PREFIX + maxRetries + ") exceeded: " + reason);
  }

  /** A refusal with its HTTP status and message; final unless it is about the key or model. */
  public static ResultRecord rejected(
      String instanceId, ModelSpec model, String prompt, int status, String message) {
    return new ResultRecord(instanceId, model, prompt, null, "HTTP " + status + ": " + message);
  }

  /** Nothing left to trim and still too long for the model; final. */
  public static ResultRecord contextExceeded(String instanceId, ModelSpec model, String prompt) {
    return new ResultRecord(instanceId, model, prompt, null, CONTEXT_EXCEEDED);
  }

  public boolean succeeded() {
    return completion != null;
  }

  /** An answer of 401, 403 or 404: the key, the base URL or the model name is wrong. */
  public boolean setupFailure() {
    return error != null && SETUP_FAILURE.matcher(error).find();
  }

  /** A request whose every attempt failed to connect to the server: not running, or a wrong URL. */
  public boolean unreachable() {
    return error != null && UNREACHABLE.matcher(error).find();
  }

  /**
   * Whether a record with this {@code status} and {@code error} leaves its instance to a later run.
   */
  public static boolean retriedOnResume(String status, String error) {
    return "failed".equals(status)
        && error != null
        && (error.startsWith(GAVE_UP_PREFIX) || SETUP_FAILURE.matcher(error).find());
  }

  /** The record as one line of Python {@code json.dumps} output, without the line end. */
  public String toJsonLine() {
    return writeJson(new JsonText(256 + 2 * prompt.length())).toString();
  }

  /** Appends the record's JSON (ASCII only, no line end) to {@code out}. */
  public JsonText writeJson(JsonText out) {
    out.raw("{\"instance_id\": ")
        .quoted(instanceId)
        .raw(", \"model_name\": ")
        .quoted(model.name())
        .raw(", \"temperature\": ")
        .raw(PyNumbers.str(model.temperature()));
    if (model.topP() != null) {
      out.raw(", \"top_p\": ").raw(PyNumbers.str(model.topP()));
    }
    out.raw(", \"n\": ").number(model.n()).raw(", \"prompt\": ").quoted(prompt);
    if (completion != null) {
      out.raw(", \"full_output\": ");
      PyJson.writeNullableString(out, completion.text());
      out.raw(", \"model_patch\": ");
      PyJson.writeNullableString(out, PatchExtractor.extract(completion.text()));
      out.raw(", \"cost\": ")
          .raw(PyJson.floatRepr(completion.usage().usd()))
          .raw(", \"response_time\": ")
          .raw(PyJson.floatRepr(completion.responseTime().toNanos() / 1e9));
    } else {
      // The fields the reference promises on every line, null as for an answer without text: an
      // evaluation harness reads model_patch from every record.
      out.raw(", \"full_output\": null, \"model_patch\": null, \"status\": \"failed\", \"error\": ")
          .quoted(error);
    }
    return out.raw('}');
  }
}
