package org.editbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One bench (or infbench) record: a merged pull request with its edit history, and — once an
 * infbench variant is built — its split, history, ground truth and prompt.
 *
 * <p>Field order is the reference implementation's dataclass order; {@link InstanceJson} writes
 * them in this order so that output lines are byte-identical to the reference. Lists whose elements
 * the pipeline never interprets keep their JSON values as read. Fields the reference record does
 * not know are kept in {@link #extraFields()} so a read/write round trip loses nothing. String
 * fields may be {@code null} when the input says {@code null}; they are written back as is.
 */
public record BenchInstance(
    String instanceId,
    String instanceNum,
    String repo,
    String baseCommit,
    String htmlUrl,
    String createdAt,
    String prompt,
    String titleMes,
    String bodyMes,
    String issuesMes,
    List<JsonNode> otherMes,
    List<JsonNode> resolvedIssues,
    List<String> filesWork,
    List<JsonNode> filesTest,
    String workPatch,
    List<List<String>> workPatchList,
    int numChanges,
    String testPatch,
    int splitIdx,
    List<String> preEdits,
    String groundTruth,
    List<JsonNode> failToPass,
    List<JsonNode> passToFail,
    List<JsonNode> failToFail,
    List<JsonNode> passToPass,
    String version,
    String versionCommit,
    Map<String, JsonNode> extraFields) {

  public BenchInstance {
    Objects.requireNonNull(instanceId, "instanceId");
    otherMes = List.copyOf(otherMes);
    resolvedIssues = List.copyOf(resolvedIssues);
    filesWork = List.copyOf(filesWork);
    filesTest = List.copyOf(filesTest);
    workPatchList = workPatchList.stream().map(List::copyOf).toList();
    preEdits = List.copyOf(preEdits);
    failToPass = List.copyOf(failToPass);
    passToFail = List.copyOf(passToFail);
    failToFail = List.copyOf(failToFail);
    passToPass = List.copyOf(passToPass);
    extraFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
  }

  /** Number of edit steps in the pull request's history. */
  public int stepCount() {
    return workPatchList.size();
  }

  /**
   * The repository this instance belongs to: {@code repo}, or — as the reference does when it is
   * empty — {@code owner/name} taken from an instance id of the form {@code owner__name-pull-N}.
   */
  public String repoOrDerived() {
    if (repo != null && !repo.isEmpty()) {
      return repo;
    }
    var m = java.util.regex.Pattern.compile("^([^_]+)__([^_]+)-pull").matcher(instanceId);
    if (m.find() && !m.group(2).equals("pull")) {
      return m.group(1) + "/" + m.group(2);
    }
    return "unknown";
  }

  /** This instance with the fields an infbench variant adds. */
  public BenchInstance withInference(
      int splitIdx, List<String> preEdits, String groundTruth, String prompt) {
    return new BenchInstance(
        instanceId,
        instanceNum,
        repo,
        baseCommit,
        htmlUrl,
        createdAt,
        prompt,
        titleMes,
        bodyMes,
        issuesMes,
        otherMes,
        resolvedIssues,
        filesWork,
        filesTest,
        workPatch,
        workPatchList,
        workPatchList.size(),
        testPatch,
        splitIdx,
        preEdits,
        groundTruth,
        failToPass,
        passToFail,
        failToFail,
        passToPass,
        version,
        versionCommit,
        extraFields);
  }
}
