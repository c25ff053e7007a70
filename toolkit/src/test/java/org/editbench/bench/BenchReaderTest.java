package org.editbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.core.DataFormatException;
import org.editbench.core.Jsonl;
import org.editbench.core.RecordingReporter;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReaderTest {
  @TempDir Path dir;

  Path write(String... lines) throws IOException {
    Path file = dir.resolve("bench.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void malformedLineIsLocated() throws IOException {
    Path file = write("{\"instance_id\": \"a\"}", "", "{\"instance_id\": ");
    var e = assertThrows(DataFormatException.class, () -> BenchReader.read(file, Reporter.SILENT));
    assertEquals(3, e.line());
    assertEquals(
        file + ":3: not valid JSON", e.getMessage().substring(0, e.getMessage().indexOf(" (")));
  }

  @Test
  void wrongTypeIsLocatedAndNamed() throws IOException {
    Path file =
        write("{\"instance_id\": \"a\"}", "{\"instance_id\": \"b\", \"files_work\": \"x.py\"}");
    var e = assertThrows(DataFormatException.class, () -> BenchReader.read(file, Reporter.SILENT));
    assertEquals(
        file + ":2: field files_work: expected a list of strings, found a string", e.getMessage());
  }

  @Test
  void nestedWrongTypeIsNamed() throws IOException {
    Path file = write("{\"instance_id\": \"a\", \"work_patch_list\": [[\"d\"], \"d2\"]}");
    var e = assertThrows(DataFormatException.class, () -> BenchReader.read(file, Reporter.SILENT));
    assertEquals(
        file
            + ":1: field work_patch_list: each step must be a list of diff strings, found a string",
        e.getMessage());
  }

  @Test
  void missingInstanceIdIsAnError() throws IOException {
    Path file = write("{\"repo\": \"o/r\"}");
    var e = assertThrows(DataFormatException.class, () -> BenchReader.read(file, Reporter.SILENT));
    assertEquals(file + ":1: missing instance_id", e.getMessage());
  }

  @Test
  void duplicateKeepsFirstAndWarnsWithBothLines() throws IOException {
    Path file =
        write(
            "{\"instance_id\": \"a\", \"title_mes\": \"first\"}",
            "{\"instance_id\": \"b\"}",
            "{\"instance_id\": \"a\", \"title_mes\": \"second\"}");
    RecordingReporter r = new RecordingReporter();
    List<BenchInstance> read = BenchReader.read(file, r);
    assertEquals(2, read.size());
    assertEquals(
        "first",
        read.stream().filter(i -> i.instanceId().equals("a")).findFirst().orElseThrow().titleMes());
    assertEquals(
        List.of(file + ":3: duplicate instance_id a (first at line 1); keeping the first"),
        r.warnings);
  }

  @Test
  void referenceOrderIsRepoThenNewestFirstWithStableTies() throws IOException {
    Path file =
        write(
            "{\"instance_id\": \"z1\", \"repo\": \"b/b\", \"created_at\": \"2025-01-01T00:00:00Z\"}",
            "{\"instance_id\": \"a1\", \"repo\": \"a/a\", \"created_at\": \"2024-01-01T00:00:00Z\"}",
            "{\"instance_id\": \"a2\", \"repo\": \"a/a\", \"created_at\": \"2025-06-01T00:00:00Z\"}",
            "{\"instance_id\": \"a3\", \"repo\": \"a/a\", \"created_at\": \"2024-01-01T00:00:00Z\"}",
            "{\"instance_id\": \"c__c-pull-1\", \"created_at\": \"2020-01-01T00:00:00Z\"}");
    List<String> ids =
        BenchReader.read(file, Reporter.SILENT).stream().map(BenchInstance::instanceId).toList();
    assertEquals(List.of("a2", "a1", "a3", "z1", "c__c-pull-1"), ids);
  }

  @Test
  void unknownFieldsAndNullsSurviveARoundTrip() throws IOException {
    String line =
        "{\"instance_id\": \"a\", \"title_mes\": null, \"extra\": {\"k\": [1, 2.5, true, null]}}";
    BenchInstance in = BenchReader.read(write(line), Reporter.SILENT).get(0);
    String out = InstanceJson.toJsonLine(in);
    assertEquals(true, out.contains("\"title_mes\": null"));
    assertEquals(
        true, out.endsWith("\"version_commit\": \"\", \"extra\": {\"k\": [1, 2.5, true, null]}}"));
    assertEquals(out, InstanceJson.toJsonLine(InstanceJson.fromJson(Jsonl.MAPPER.readTree(out))));
  }
}
