package org.editbench.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.editbench.SharedCorpus;

/**
 * A git clone of the bundled sample's acme/inventory whose commits are its instances' base commits.
 */
public final class SampleClones {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleClones() {}

  /**
   * A clone of acme/inventory: the sample project's base snapshot, then one commit per pull request
   * (in number order) holding its files as they were before it, which is that instance's base
   * commit.
   *
   * @return instance_id → its base commit
   */
  public static Map<String, String> inventoryClone(Path clone) throws IOException {
    Path root = SharedCorpus.repositoryRoot();
    Path histories = root.resolve("patch_histories");
    Map<String, String> baseCommits = new HashMap<>();
    TestRepository repository = TestRepository.init(clone);
    Path snapshot = root.resolve("crawled_data/sample-source/repos/acme/inventory");
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.walk(snapshot)) {
      for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile).sorted()::iterator) {
        files.put(snapshot.relativize(file).toString(), Files.readString(file));
      }
    }
    repository.commit("snapshot", files);
    List<JsonNode> pulls = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            root.resolve("crawled_data/bench/acme-inventory-task-instances.jsonl"))) {
      pulls.add(JSON.readTree(line));
    }
    pulls.sort(
        (a, b) -> Integer.compare(a.get("instance_num").asInt(), b.get("instance_num").asInt()));
    for (JsonNode pull : pulls) {
      String id = pull.get("instance_id").asText();
      Map<String, String> originals = new LinkedHashMap<>();
      for (JsonNode path : pull.get("files_work")) {
        Path original =
            histories
                .resolve(id)
                .resolve(path.asText().replace("/", "__").replace(".", "__"))
                .resolve("original.py");
        originals.put(path.asText(), Files.readString(original));
      }
      baseCommits.put(id, repository.commit("before " + id, originals));
    }
    return baseCommits;
  }

  /**
   * In a data folder holding the sample ({@code SampleData.copyTo}): the acme/inventory clone under
   * {@code repos/}, and its bench file's instances given their base commits.
   *
   * @return instance_id → its base commit
   */
  public static Map<String, String> inventoryCloneIn(Path dataFolder) throws IOException {
    Map<String, String> baseCommits = inventoryClone(dataFolder.resolve("repos/acme__inventory"));
    Path inventory = dataFolder.resolve("crawled_data/bench/acme-inventory-task-instances.jsonl");
    withBaseCommits(inventory, inventory, baseCommits);
    return baseCommits;
  }

  /**
   * Writes {@code bench} to {@code output} with each instance's base_commit from {@code
   * baseCommits}, else empty.
   */
  public static void withBaseCommits(Path bench, Path output, Map<String, String> baseCommits)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(bench)) {
      ObjectNode record = (ObjectNode) JSON.readTree(line);
      record.put("base_commit", baseCommits.getOrDefault(record.get("instance_id").asText(), ""));
      lines.add(JSON.writeValueAsString(record));
    }
    Files.write(output, lines);
  }
}
