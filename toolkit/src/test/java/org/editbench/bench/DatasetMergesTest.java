package org.editbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.cli.CliRunner;
import org.editbench.core.DataFormatException;
import org.editbench.core.JsonlAppender;
import org.editbench.core.OutputLockedException;
import org.editbench.core.RecordingReporter;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetMergesTest {
  @TempDir Path dir;

  @Test
  void benchMergeConcatenatesRepoFilesSortedByNameSkippingTheMergedFile() throws IOException {
    Files.writeString(dir.resolve("b-b-task-instances.jsonl"), "{\"instance_id\": \"b1\"}\n\n");
    Files.writeString(
        dir.resolve("a-a-task-instances.jsonl"),
        "  {\"instance_id\": \"a1\"}  \n{\"instance_id\": \"a2\"}");
    Files.writeString(dir.resolve("all-task-instances.jsonl"), "{\"instance_id\": \"old\"}\n");
    Files.writeString(dir.resolve("notes.jsonl"), "{\"instance_id\": \"n\"}\n");
    var r =
        DatasetMerges.mergeBench(
            dir, dir.resolve("all-task-instances.jsonl"), null, true, Reporter.SILENT);
    assertEquals(3, r.records());
    assertEquals(
        "{\"instance_id\": \"a1\"}\n{\"instance_id\": \"a2\"}\n{\"instance_id\": \"b1\"}\n",
        Files.readString(dir.resolve("all-task-instances.jsonl")));
  }

  @Test
  void reposFilterMatchesOwnerDashRepoInTheFileName() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances.jsonl"), "{\"instance_id\": \"a1\"}\n");
    Files.writeString(dir.resolve("b-b-task-instances.jsonl"), "{\"instance_id\": \"b1\"}\n");
    var r =
        DatasetMerges.mergeBench(
            dir, dir.resolve("out.jsonl"), List.of("b/b"), false, Reporter.SILENT);
    assertEquals(List.of(dir.resolve("b-b-task-instances.jsonl")), r.inputs());
  }

  @Test
  void infbenchMergeDedupesFirstWinsAndReportsInvalidLines() throws IOException {
    Files.writeString(
        dir.resolve("a-a-task-instances_0.2.jsonl"),
        "{\"instance_id\": \"x\", \"v\": 1}\nnot json\n");
    Files.writeString(
        dir.resolve("b-b-task-instances_0.2.jsonl"),
        "{\"instance_id\": \"x\", \"v\": 2}\n{\"instance_id\": \"y\"}\n");
    Files.writeString(dir.resolve("b-b-task-instances_0.4.jsonl"), "{\"instance_id\": \"z\"}\n");
    Files.writeString(dir.resolve("all-task-instances_0.2.jsonl"), "{\"instance_id\": \"old\"}\n");
    RecordingReporter recorder = new RecordingReporter();
    var r =
        DatasetMerges.mergeInfbench(
            dir, "0.2", dir.resolve("all-task-instances_0.2.jsonl"), null, true, recorder);
    assertEquals(
        "{\"instance_id\": \"x\", \"v\": 1}\n{\"instance_id\": \"y\"}\n",
        Files.readString(dir.resolve("all-task-instances_0.2.jsonl")));
    assertEquals(1, r.duplicatesSkipped());
    assertEquals(1, r.invalidLines());
    assertTrue(
        recorder
            .warnings
            .get(0)
            .startsWith(dir.resolve("a-a-task-instances_0.2.jsonl") + ":2: not valid JSON"));
    assertEquals(
        dir.resolve("b-b-task-instances_0.2.jsonl")
            + ":1: instance_id x again (first at "
            + dir.resolve("a-a-task-instances_0.2.jsonl")
            + ":1); keeping the first",
        recorder.warnings.get(1));
  }

  @Test
  void benchMergeKeepsDuplicatesAsTheReferenceDoesAndSaysSo() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances.jsonl"), "{\"instance_id\": \"x\"}\n");
    Files.writeString(
        dir.resolve("b-b-task-instances.jsonl"),
        "{\"instance_id\": \"y\"}\n{\"instance_id\": \"x\"}\n");
    RecordingReporter recorder = new RecordingReporter();
    var r =
        DatasetMerges.mergeBench(
            dir, dir.resolve("all-task-instances.jsonl"), null, false, recorder);
    assertEquals(3, r.records());
    assertEquals(0, r.duplicatesSkipped());
    assertEquals(1, r.duplicatesKept());
    assertEquals(
        List.of(
            dir.resolve("b-b-task-instances.jsonl")
                + ":2: instance_id x again (first at "
                + dir.resolve("a-a-task-instances.jsonl")
                + ":1); both kept, as the reference's merge keeps them (prompt-builder reads the"
                + " first)"),
        recorder.warnings);
  }

  @Test
  void mergeAllInfbenchReadsEveryInputBeforeWritingAny() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances_0.2.jsonl"), "{\"instance_id\": \"x\"}\n");
    Path damaged = dir.resolve("a-a-task-instances_0.8.jsonl");
    Files.write(damaged, new byte[] {'{', '"', (byte) 0xff, '"', '}', '\n'});
    Path out = Files.createDirectories(dir.resolve("out"));
    for (boolean force : new boolean[] {false, true}) {
      DataFormatException e =
          assertThrows(
              DataFormatException.class,
              () -> DatasetMerges.mergeAllInfbench(dir, out, null, force, Reporter.SILENT));
      assertEquals(damaged + ":1: invalid UTF-8 at byte 2", e.getMessage());
      try (var written = Files.list(out)) {
        assertEquals(0, written.count(), "no run_id merged, 0.2 neither");
      }
    }
  }

  @Test
  void aRepositoryWhoseNameEndsInAllIsMergedOnlyTheMergedFileIsLeftOut() throws IOException {
    Files.writeString(
        dir.resolve("o-firewall-task-instances_0.2.jsonl"), "{\"instance_id\": \"f\"}\n");
    Files.writeString(dir.resolve("o-x-task-instances_0.2.jsonl"), "{\"instance_id\": \"x\"}\n");
    Files.writeString(dir.resolve("all-task-instances_0.2.jsonl"), "{\"instance_id\": \"old\"}\n");
    assertEquals(
        List.of(
            dir.resolve("o-firewall-task-instances_0.2.jsonl"),
            dir.resolve("o-x-task-instances_0.2.jsonl")),
        DatasetMerges.infbenchConditions(dir).get("0.2"));
  }

  @Test
  @SuppressWarnings("try") // the run is open for the block: it holds the output's lock
  void aRunWritingTheMergedFileKeepsTheMergeOut() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances_0.2.jsonl"), "{\"instance_id\": \"x\"}\n");
    Path all = dir.resolve("all-task-instances_0.2.jsonl");
    try (JsonlAppender run = JsonlAppender.open(all, false, Reporter.SILENT)) {
      assertEquals(
          all,
          assertThrows(
                  OutputLockedException.class,
                  () -> DatasetMerges.mergeInfbench(dir, "0.2", all, null, false, Reporter.SILENT))
              .file());
    }
    assertEquals(
        1, DatasetMerges.mergeInfbench(dir, "0.2", all, null, false, Reporter.SILENT).records());
  }

  @Test
  @SuppressWarnings("try") // the build is open for the block: it holds its file's lock
  void anInputStillBeingWrittenKeepsTheMergesOut() throws IOException {
    Path building = dir.resolve("a-a-task-instances_0.2.jsonl");
    Files.writeString(building, "{\"instance_id\": \"x\"}\n");
    Files.writeString(dir.resolve("b-b-task-instances_0.2.jsonl"), "{\"instance_id\": \"y\"}\n");
    Path all = dir.resolve("all-task-instances_0.2.jsonl");
    try (JsonlAppender build = JsonlAppender.open(building, false, Reporter.SILENT)) {
      for (var merge :
          List.<org.junit.jupiter.api.function.Executable>of(
              () -> DatasetMerges.mergeInfbench(dir, "0.2", all, null, false, Reporter.SILENT),
              () -> DatasetMerges.mergeAllInfbench(dir, dir, null, false, Reporter.SILENT))) {
        assertEquals(
            building
                + " is being written by another command (prompt-builder, run-api or a merge): "
                + DatasetMerges.MERGING_HALF_WRITTEN
                + "; run again once it has finished",
            assertThrows(IllegalStateException.class, merge).getMessage());
        assertFalse(Files.exists(all), "nothing merged from a file half written");
      }
    }
    assertEquals(
        2, DatasetMerges.mergeInfbench(dir, "0.2", all, null, false, Reporter.SILENT).records());
  }

  @Test
  void theOutputCannotBeAnInput() throws IOException {
    Path input = dir.resolve("a-a-task-instances.jsonl");
    Files.writeString(input, "{\"instance_id\": \"a1\"}\n");
    Files.writeString(dir.resolve("b-b-task-instances.jsonl"), "{\"instance_id\": \"b1\"}\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetMerges.mergeBench(dir, input, null, false, Reporter.SILENT));
    assertEquals(
        input + " is also an input of this command (" + input + "); write to another file",
        e.getMessage());
    assertEquals("{\"instance_id\": \"a1\"}\n", Files.readString(input));
  }

  @Test
  void unknownConditionListsTheAvailableOnes() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances_0.2.jsonl"), "{\"instance_id\": \"x\"}\n");
    Files.writeString(
        dir.resolve("a-a-task-instances_None_body_issue.jsonl"), "{\"instance_id\": \"x\"}\n");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DatasetMerges.mergeInfbench(
                    dir, "0.8", dir.resolve("o.jsonl"), null, false, Reporter.SILENT));
    assertEquals(
        "condition '0.8' not found in " + dir + "; available: 0.2, None_body_issue",
        e.getMessage());
  }

  @Test
  void mergeAllWritesOneFilePerCondition() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances_0.2.jsonl"), "{\"instance_id\": \"x\"}\n");
    Files.writeString(dir.resolve("a-a-task-instances_0.4.jsonl"), "{\"instance_id\": \"y\"}\n");
    Path out = dir.resolve("merged");
    var results = DatasetMerges.mergeAllInfbench(dir, out, null, false, Reporter.SILENT);
    assertEquals(
        List.of(
            out.resolve("all-task-instances_0.2.jsonl"),
            out.resolve("all-task-instances_0.4.jsonl")),
        results.stream().map(DatasetMerges.MergeResult::output).toList());
  }

  @Test
  void cliUsesTheDataRootAndExitsTwoOnAnUnknownCondition() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            "merge-infbench", "--condition", "0.2", "--output-path", dir.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("error: "), r.err());
  }

  @Test
  void anOutputHoldingInstancesTheMergeLeavesOutIsKeptUnlessForced() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances_0.2.jsonl"), "{\"instance_id\": \"x\"}\n");
    Path all = dir.resolve("all-task-instances_0.2.jsonl");
    // Built from the whole bench directly: two repositories, one of them merged here.
    String whole = "{\"instance_id\": \"x\"}\n{\"instance_id\": \"y\"}\n";
    Files.writeString(all, whole);
    // A condition merged before 0.2's, whose merge alone would go through: left as it is too.
    Files.writeString(dir.resolve("a-a-task-instances_0.1.jsonl"), "{\"instance_id\": \"x\"}\n");
    Path first = dir.resolve("all-task-instances_0.1.jsonl");
    Files.writeString(first, "{\"instance_id\": \"x\", \"old\": 1}\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetMerges.mergeAllInfbench(dir, dir, null, false, Reporter.SILENT));
    assertEquals(
        all
            + " holds 1 record(s) that this merge would drop (y): the files merged do not hold"
            + " them (a run over the whole bench writes there directly, or the files merged"
            + " before are gone or hold fewer instances; infbench files can be built again). Move"
            + " it aside to keep it; merge-all-infbench --force replaces it.",
        e.getMessage());
    assertEquals(whole, Files.readString(all));
    assertEquals("{\"instance_id\": \"x\", \"old\": 1}\n", Files.readString(first), "all or none");
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of(),
          files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
          "no temporary file left");
    }

    // A merge that keeps every instance replaces it unasked; --force replaces it anyway.
    Files.writeString(all, "{\"instance_id\": \"x\", \"old\": true}\n");
    assertEquals(2, DatasetMerges.mergeAllInfbench(dir, dir, null, false, Reporter.SILENT).size());
    assertEquals("{\"instance_id\": \"x\"}\n", Files.readString(all));
    Files.writeString(all, whole);
    DatasetMerges.mergeAllInfbench(dir, dir, null, true, Reporter.SILENT);
    assertEquals("{\"instance_id\": \"x\"}\n", Files.readString(all));
  }

  @Test
  void aMergeOfSomeRepositoriesNamesItsFilterAsWhyItWouldDropRecords() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances_0.2.jsonl"), "{\"instance_id\": \"x\"}\n");
    Files.writeString(dir.resolve("b-b-task-instances_0.2.jsonl"), "{\"instance_id\": \"y\"}\n");
    Path all = dir.resolve("all-task-instances_0.2.jsonl");
    DatasetMerges.mergeInfbench(dir, "0.2", all, null, false, Reporter.SILENT);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DatasetMerges.mergeInfbench(
                    dir, "0.2", all, List.of("a/a"), false, Reporter.SILENT));
    assertTrue(
        e.getMessage()
            .endsWith(
                ": the files merged do not hold them (--repos a/a merges only those repositories'"
                    + " files; give the merge an output of its own (--output-path) to keep this one"
                    + " whole). Move it aside to keep it; merge-infbench --force replaces it."),
        e.getMessage());

    Path benchDir = Files.createDirectories(dir.resolve("bench"));
    Files.writeString(benchDir.resolve("a-a-task-instances.jsonl"), "{\"instance_id\": \"x\"}\n");
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DatasetMerges.mergeBench(
                    benchDir,
                    benchDir.resolve("all.jsonl"),
                    List.of("a/nope"),
                    false,
                    Reporter.SILENT));
    assertEquals(
        "no bench files of --repos a/nope in " + benchDir + " (there: a-a-task-instances.jsonl)",
        none.getMessage());
  }

  @Test
  void aRecordAMergeWouldDropForAnUnreadableInputLineNamesThatLine() throws IOException {
    Path perRepo = dir.resolve("a-a-task-instances_0.2.jsonl");
    Files.writeString(perRepo, "{\"instance_id\": \"x\"}\n{\"instance_id\": \"y\"}\n");
    DatasetMerges.mergeAllInfbench(dir, dir, null, false, Reporter.SILENT);
    Path all = dir.resolve("all-task-instances_0.2.jsonl");
    String merged = Files.readString(all);
    // y's line torn since: the merge would drop y, and the torn line is why.
    Files.writeString(perRepo, "{\"instance_id\": \"x\"}\n{\"instance_id\": \"y\", \"pro\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetMerges.mergeAllInfbench(dir, dir, null, false, Reporter.SILENT));
    assertTrue(
        e.getMessage()
            .contains(
                "would drop (y): the files merged name them on line(s) that could not be read ("
                    + perRepo
                    + ":2). Repair those lines and merge again"),
        e.getMessage());
    assertEquals(merged, Files.readString(all));
    // merge-infbench checks as it writes, against the same lines.
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetMerges.mergeInfbench(dir, "0.2", all, null, false, Reporter.SILENT));
    assertTrue(e.getMessage().contains(perRepo + ":2)"), e.getMessage());
    assertEquals(merged, Files.readString(all));
  }

  @Test
  void aBenchMergeKeepsAnAllBenchWithMoreInstancesToo() throws IOException {
    Files.writeString(dir.resolve("a-a-task-instances.jsonl"), "{\"instance_id\": \"a1\"}\n");
    Path all = dir.resolve("all-task-instances.jsonl");
    Files.writeString(all, "{\"instance_id\": \"a1\"}\n{\"instance_id\": \"b1\"}\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetMerges.mergeBench(dir, all, null, false, Reporter.SILENT));
    assertTrue(e.getMessage().contains("would drop (b1)"), e.getMessage());
    assertTrue(
        e.getMessage().contains("(it is a bench of its own, or the bench files"), e.getMessage());
  }
}
