package org.editbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Converts between a JSON object and a {@link BenchInstance}: strict types on the way in (a wrong
 * type is an {@link IllegalArgumentException} naming the field), the reference's field order and
 * Python's JSON formatting on the way out.
 */
public final class InstanceJson {
  /** The reference record's fields, in its order. */
  public static final List<String> FIELDS = List.of(
      "instance_id", "instance_num", "repo", "base_commit", "html_url", "created_at", "prompt",
      "title_mes", "body_mes", "issues_mes", "other_mes", "resolved_issues", "files_work",
      "files_test", "work_patch", "work_patch_list", "num_changes", "test_patch", "split_idx",
      "pre_edits", "ground_truth", "fail_to_pass", "pass_to_fail", "fail_to_fail", "pass_to_pass",
      "version", "version_commit");
  private static final Set<String> KNOWN = Set.copyOf(FIELDS);

  private InstanceJson() {}

  /**
   * Reads one record. Missing fields take the reference's defaults ("" / [] / 0); a missing or
   * non-string {@code instance_id} and any field of the wrong type are errors.
   */
  public static BenchInstance fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, found " + describe(node));
    }
    JsonNode id = node.get("instance_id");
    if (id == null || id.isNull()) {
      throw new IllegalArgumentException("missing instance_id");
    }
    if (!id.isTextual() || id.textValue().isEmpty()) {
      throw new IllegalArgumentException("instance_id must be a non-empty string, found " + describe(id));
    }
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (!KNOWN.contains(e.getKey())) {
        extras.put(e.getKey(), e.getValue());
      }
    });
    return new BenchInstance(
        id.textValue(),
        string(node, "instance_num"),
        string(node, "repo"),
        string(node, "base_commit"),
        string(node, "html_url"),
        string(node, "created_at"),
        string(node, "prompt"),
        string(node, "title_mes"),
        string(node, "body_mes"),
        string(node, "issues_mes"),
        nodes(node, "other_mes"),
        nodes(node, "resolved_issues"),
        strings(node, "files_work"),
        nodes(node, "files_test"),
        string(node, "work_patch"),
        list(node, "work_patch_list", "a list of lists of strings", step -> {
          if (!step.isArray()) {
            throw new IllegalArgumentException(
                "field work_patch_list: each step must be a list of diff strings, found " + describe(step));
          }
          List<String> diffs = new ArrayList<>(step.size());
          step.forEach(d -> diffs.add(requireText("work_patch_list", d)));
          return diffs;
        }),
        integer(node, "num_changes"),
        string(node, "test_patch"),
        integer(node, "split_idx"),
        strings(node, "pre_edits"),
        string(node, "ground_truth"),
        nodes(node, "fail_to_pass"),
        nodes(node, "pass_to_fail"),
        nodes(node, "fail_to_fail"),
        nodes(node, "pass_to_pass"),
        string(node, "version"),
        string(node, "version_commit"),
        extras);
  }

  /** The record as one line of Python {@code json.dumps} output, without the line end. */
  public static String toJsonLine(BenchInstance in) {
    StringBuilder out = new StringBuilder(8192);
    out.append('{');
    field(out, "instance_id", true); PyJson.writeString(out, in.instanceId());
    field(out, "instance_num", false); PyJson.writeNullableString(out, in.instanceNum());
    field(out, "repo", false); PyJson.writeNullableString(out, in.repo());
    field(out, "base_commit", false); PyJson.writeNullableString(out, in.baseCommit());
    field(out, "html_url", false); PyJson.writeNullableString(out, in.htmlUrl());
    field(out, "created_at", false); PyJson.writeNullableString(out, in.createdAt());
    field(out, "prompt", false); PyJson.writeNullableString(out, in.prompt());
    field(out, "title_mes", false); PyJson.writeNullableString(out, in.titleMes());
    field(out, "body_mes", false); PyJson.writeNullableString(out, in.bodyMes());
    field(out, "issues_mes", false); PyJson.writeNullableString(out, in.issuesMes());
    field(out, "other_mes", false); PyJson.writeNodeList(out, in.otherMes());
    field(out, "resolved_issues", false); PyJson.writeNodeList(out, in.resolvedIssues());
    field(out, "files_work", false); PyJson.writeStringList(out, in.filesWork());
    field(out, "files_test", false); PyJson.writeNodeList(out, in.filesTest());
    field(out, "work_patch", false); PyJson.writeNullableString(out, in.workPatch());
    field(out, "work_patch_list", false);
    out.append('[');
    for (int i = 0; i < in.workPatchList().size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      PyJson.writeStringList(out, in.workPatchList().get(i));
    }
    out.append(']');
    field(out, "num_changes", false); out.append(in.numChanges());
    field(out, "test_patch", false); PyJson.writeNullableString(out, in.testPatch());
    field(out, "split_idx", false); out.append(in.splitIdx());
    field(out, "pre_edits", false); PyJson.writeStringList(out, in.preEdits());
    field(out, "ground_truth", false); PyJson.writeNullableString(out, in.groundTruth());
    field(out, "fail_to_pass", false); PyJson.writeNodeList(out, in.failToPass());
    field(out, "pass_to_fail", false); PyJson.writeNodeList(out, in.passToFail());
    field(out, "fail_to_fail", false); PyJson.writeNodeList(out, in.failToFail());
    field(out, "pass_to_pass", false); PyJson.writeNodeList(out, in.passToPass());
    field(out, "version", false); PyJson.writeNullableString(out, in.version());
    field(out, "version_commit", false); PyJson.writeNullableString(out, in.versionCommit());
    for (Map.Entry<String, JsonNode> e : in.extraFields().entrySet()) {
      field(out, e.getKey(), false);
      PyJson.write(out, e.getValue());
    }
    out.append('}');
    return out.toString();
  }

  private static void field(StringBuilder out, String name, boolean first) {
    if (!first) {
      out.append(", ");
    }
    PyJson.writeString(out, name);
    out.append(": ");
  }

  private static String string(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      return "";
    }
    if (v.isNull()) {
      return null;
    }
    return requireText(name, v);
  }

  private static String requireText(String name, JsonNode v) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field " + name + ": expected a string, found " + describe(v));
    }
    return v.textValue();
  }

  private static int integer(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("field " + name + ": expected an integer, found " + describe(v));
    }
    return v.intValue();
  }

  private static List<String> strings(JsonNode node, String name) {
    return list(node, name, "a list of strings", v -> requireText(name, v));
  }

  private static List<JsonNode> nodes(JsonNode node, String name) {
    return list(node, name, "a list", Function.identity());
  }

  private static <T> List<T> list(
      JsonNode node, String name, String expected, Function<JsonNode, T> element) {
    JsonNode v = node.get(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("field " + name + ": expected " + expected + ", found " + describe(v));
    }
    List<T> out = new ArrayList<>(v.size());
    v.forEach(e -> out.add(element.apply(e)));
    return out;
  }

  static String describe(JsonNode v) {
    JsonNodeType t = v.getNodeType();
    return switch (t) {
      case STRING -> "a string";
      case NUMBER -> "a number (" + v + ")";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> t.name().toLowerCase();
    };
  }
}
