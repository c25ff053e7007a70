package org.editbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.editbench.core.JsonText;
import org.editbench.core.Jsonl;
import org.editbench.core.PyJson;
import org.editbench.core.TextValue;

/**
 * Converts between a JSON object and a {@link BenchInstance}: strict types on the way in (a wrong
 * type is an {@link IllegalArgumentException} naming the field), the reference's field order and
 * Python's JSON formatting on the way out.
 */
public final class InstanceJson {
  /** The reference record's fields, in its order. */
  public static final List<String> FIELDS =
      List.of(
          "instance_id",
          "instance_num",
          "repo",
          "base_commit",
          "html_url",
          "created_at",
          "prompt",
          "title_mes",
          "body_mes",
          "issues_mes",
          "other_mes",
          "resolved_issues",
          "files_work",
          "files_test",
          "work_patch",
          "work_patch_list",
          "num_changes",
          "test_patch",
          "split_idx",
          "pre_edits",
          "ground_truth",
          "fail_to_pass",
          "pass_to_fail",
          "fail_to_fail",
          "pass_to_pass",
          "version",
          "version_commit");

  private static final Set<String> KNOWN = Set.copyOf(FIELDS);

  private InstanceJson() {}

  /**
   * Reads one record. Missing fields take the reference's defaults ("" / [] / 0); a missing or
   * non-string {@code instance_id} and any field of the wrong type are errors.
   */
  public static BenchInstance fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, found " + Jsonl.describe(node));
    }
    JsonNode id = node.get("instance_id");
    if (id == null || id.isNull()) {
      throw new IllegalArgumentException("missing instance_id");
    }
    if (!id.isTextual() || id.textValue().isEmpty()) {
      throw new IllegalArgumentException(
          "instance_id must be a non-empty string, found " + Jsonl.describe(id));
    }
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
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
        list(
            node,
            "work_patch_list",
            "a list of lists of strings",
            step -> {
              if (!step.isArray()) {
                throw new IllegalArgumentException(
                    "field work_patch_list: each step must be a list of diff strings, found "
                        + Jsonl.describe(step));
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
    JsonText out = new JsonText();
    prepare(in)
        .writeLine(
            out,
            in.splitIdx(),
            in.preEdits().stream().map(TextValue::of).toList(),
            TextValue.of(in.groundTruth()),
            TextValue.of(in.prompt()));
    return out.toString();
  }

  /**
   * The parts of {@code in}'s line that no infbench variant changes, formatted once: variants of
   * one instance differ only in prompt, split, history and ground truth, and the bench fields
   * (whole diffs, step lists) would otherwise be escaped again for every variant.
   */
  public static Prepared prepare(BenchInstance in) {
    JsonText head = new JsonText(256).raw('{');
    field(head, "instance_id", true).quoted(in.instanceId());
    PyJson.writeNullableString(field(head, "instance_num", false), in.instanceNum());
    PyJson.writeNullableString(field(head, "repo", false), in.repo());
    PyJson.writeNullableString(field(head, "base_commit", false), in.baseCommit());
    PyJson.writeNullableString(field(head, "html_url", false), in.htmlUrl());
    PyJson.writeNullableString(field(head, "created_at", false), in.createdAt());
    field(head, "prompt", false);

    JsonText middle = new JsonText(in.workPatch() == null ? 256 : 3 * in.workPatch().length());
    PyJson.writeNullableString(field(middle, "title_mes", false), in.titleMes());
    PyJson.writeNullableString(field(middle, "body_mes", false), in.bodyMes());
    PyJson.writeNullableString(field(middle, "issues_mes", false), in.issuesMes());
    PyJson.writeNodeList(field(middle, "other_mes", false), in.otherMes());
    PyJson.writeNodeList(field(middle, "resolved_issues", false), in.resolvedIssues());
    PyJson.writeStringList(field(middle, "files_work", false), in.filesWork());
    PyJson.writeNodeList(field(middle, "files_test", false), in.filesTest());
    PyJson.writeNullableString(field(middle, "work_patch", false), in.workPatch());
    field(middle, "work_patch_list", false).raw('[');
    for (int i = 0; i < in.workPatchList().size(); i++) {
      if (i > 0) {
        middle.raw(", ");
      }
      PyJson.writeStringList(middle, in.workPatchList().get(i));
    }
    middle.raw(']');
    field(middle, "num_changes", false).number(in.numChanges());
    PyJson.writeNullableString(field(middle, "test_patch", false), in.testPatch());
    field(middle, "split_idx", false);

    JsonText tail = new JsonText(256);
    PyJson.writeNodeList(field(tail, "fail_to_pass", false), in.failToPass());
    PyJson.writeNodeList(field(tail, "pass_to_fail", false), in.passToFail());
    PyJson.writeNodeList(field(tail, "fail_to_fail", false), in.failToFail());
    PyJson.writeNodeList(field(tail, "pass_to_pass", false), in.passToPass());
    PyJson.writeNullableString(field(tail, "version", false), in.version());
    PyJson.writeNullableString(field(tail, "version_commit", false), in.versionCommit());
    for (Map.Entry<String, JsonNode> e : in.extraFields().entrySet()) {
      PyJson.write(field(tail, e.getKey(), false), e.getValue());
    }
    tail.raw('}');
    return new Prepared(head.toBytes(), middle.toBytes(), tail.toBytes());
  }

  /** An instance's line with its variant fields left open; see {@link #prepare}. */
  public static final class Prepared {
    private final byte[] head;
    private final byte[] middle;
    private final byte[] tail;

    private Prepared(byte[] head, byte[] middle, byte[] tail) {
      this.head = head;
      this.middle = middle;
      this.tail = tail;
    }

    /** Writes the whole line for these variant fields into {@code out}. */
    public void writeLine(
        JsonText out,
        int splitIdx,
        List<TextValue> preEdits,
        TextValue groundTruth,
        TextValue prompt) {
      out.raw(head);
      prompt.writeJson(out);
      out.raw(middle).number(splitIdx);
      PyJson.writeTextList(field(out, "pre_edits", false), preEdits);
      groundTruth.writeJson(field(out, "ground_truth", false));
      out.raw(tail);
    }
  }

  private static JsonText field(JsonText out, String name, boolean first) {
    if (!first) {
      out.raw(", ");
    }
    return out.quoted(name).raw(": ");
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
      throw new IllegalArgumentException(
          "field " + name + ": expected a string, found " + Jsonl.describe(v));
    }
    return v.textValue();
  }

  private static int integer(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(
          "field " + name + ": expected an integer, found " + Jsonl.describe(v));
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
      throw new IllegalArgumentException(
          "field " + name + ": expected " + expected + ", found " + Jsonl.describe(v));
    }
    List<T> out = new ArrayList<>(v.size());
    v.forEach(e -> out.add(element.apply(e)));
    return out;
  }
}
