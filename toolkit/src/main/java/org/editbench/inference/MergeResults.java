package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.editbench.bench.DatasetMerges;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import org.editbench.core.JsonLineReader;
import org.editbench.core.Jsonl;
import org.editbench.core.MergedOutput;
import org.editbench.core.OutputLock;
import org.editbench.core.PyJson;
import org.editbench.core.Reporter;

/**
 * merge-results: the per-repository prediction files of a model ({@code
 * {owner-repo}-task-instances_{run_id}.jsonl} under its {@code T=*}/{@code n=*} folders) merged
 * into one {@code all-task-instances_{run_id}.jsonl} per run_id, with the reference's semantics:
 * the first record of an instance wins, records are grouped by repository in name order (and by
 * {@code created_at}, newest first, when records carry it), and lines are written as Python's
 * {@code json.dumps(record, ensure_ascii=False)} writes them.
 *
 * <p>Unlike the reference, a merge does not silently throw answers away: it refuses to replace an
 * {@code all} file that holds instances the merge would leave out — one that {@code run-api
 * --dataset_name all} wrote directly, or a merge of files since removed — unless forced; and,
 * rather than wait, it refuses while a run is appending to that file ({@link OutputLock}).
 */
public final class MergeResults {
  private static final Pattern REPO_OF_ID = Pattern.compile("^([^_]+)__([^_]+)-pull");

  private MergeResults() {}

  /**
   * What to merge.
   *
   * @param temperature null for every {@code T=*} folder; else the folders whose number equals it
   *     ({@code 0} matches {@code T=0} and {@code T=0.0})
   * @param n null for every {@code n=*} folder
   * @param runId null for every run_id
   * @param repos null for every repository; else {@code owner/repo} names
   * @param outputPath null to merge each {@code T=}/{@code n=} folder's files beside them; else a
   *     folder (created when missing), or an existing file whose folder is used, for the files of
   *     one such folder
   * @param force replace a merged file even when it holds instances the merge does not (see {@link
   *     MergeResults})
   */
  public record Request(
      String modelName,
      String temperature,
      Integer n,
      String runId,
      List<String> repos,
      Path outputPath,
      boolean force) {
    public Request {
      repos = repos == null ? null : List.copyOf(repos);
      if (repos != null) {
        // Records are kept by the owner/repo their instance_id names: another form keeps none.
        for (String repo : repos) {
          if (!repo.matches("[^/\\s]+/[^/\\s]+")) {
            throw new IllegalArgumentException(
                "--repos "
                    + repo
                    + ": give repositories as owner/repo (as in django/django), the way instance"
                    + " ids name them");
          }
        }
      }
    }

    /** Everything of one model: every T, n, run_id and repository, merged beside the inputs. */
    public static Request forModel(String modelName) {
      return new Request(modelName, null, null, null, null, null, false);
    }

    public Request withTemperature(String value) {
      return new Request(modelName, value, n, runId, repos, outputPath, force);
    }

    public Request withRunId(String value) {
      return new Request(modelName, temperature, n, value, repos, outputPath, force);
    }

    public Request withRepos(List<String> value) {
      return new Request(modelName, temperature, n, runId, value, outputPath, force);
    }

    public Request withOutputPath(Path value) {
      return new Request(modelName, temperature, n, runId, repos, value, force);
    }

    public Request withForce(boolean value) {
      return new Request(modelName, temperature, n, runId, repos, outputPath, value);
    }
  }

  /** One merged file. */
  public record Merged(String runId, Path file, int records, int repositories) {}

  public static List<Merged> merge(Path resultsDir, Request request, Reporter reporter) {
    Path modelDir = ResultPaths.modelDir(resultsDir, request.modelName());
    if (!Files.isDirectory(modelDir)) {
      throw new IllegalArgumentException(
          "no results for model "
              + request.modelName()
              + ": "
              + modelDir
              + " does not exist (run run-api first — in a notebook, runApi: notebook 02 — or pass"
              + " --results-dir; in a notebook, open the data folder that holds"
              + " experiment_results/ with EditBench.open(folder))");
    }
    List<Path> files = new ArrayList<>();
    Set<String> runIdsThere = new TreeSet<>();
    Set<String> mergedOnes = new TreeSet<>();
    for (Path tDir : ResultFolders.temperatureDirs(modelDir, request.temperature())) {
      for (Path nDir :
          request.n() == null
              ? ResultFolders.subDirs(tDir, "n=")
              : List.of(tDir.resolve("n=" + request.n()))) {
        for (Path f : ResultFolders.list(nDir, "*.jsonl")) {
          DatasetFile named = DatasetFile.parse(f).orElse(null);
          if (named == null || named.runId() == null) {
            continue;
          }
          if (named.isMerged()) {
            mergedOnes.add(named.runId());
          } else {
            runIdsThere.add(named.runId());
            if (request.runId() == null || named.runId().equals(request.runId())) {
              files.add(f);
            }
          }
        }
      }
    }
    if (files.isEmpty()) {
      List<String> given = new ArrayList<>();
      if (request.temperature() != null) {
        given.add("--temperature " + request.temperature());
      }
      if (request.n() != null) {
        given.add("--n " + request.n());
      }
      if (request.runId() != null) {
        given.add("--run-id " + request.runId());
      }
      throw new IllegalArgumentException(
          "no per-repository result files ({owner-repo}-task-instances_{run_id}.jsonl) to merge"
              + " under "
              + modelDir
              + (given.isEmpty() ? "" : " for " + String.join(", ", given))
              + (!runIdsThere.isEmpty()
                  ? "; run_ids there: " + String.join(", ", runIdsThere)
                  : !mergedOnes.isEmpty()
                      ? "; it holds merged files only (all-task-instances_{run_id}.jsonl, run_ids "
                          + String.join(", ", mergedOnes)
                          + "): nothing to merge"
                      : ""));
    }
    if (request.repos() != null) {
      List<String> patterns = request.repos().stream().map(r -> r.replace('/', '-')).toList();
      files.removeIf(f -> patterns.stream().noneMatch(p -> f.getFileName().toString().contains(p)));
      if (files.isEmpty()) {
        throw new IllegalArgumentException(
            "no result file matches --repos " + String.join(" ", request.repos()));
      }
      // Files match by part of their name, as the reference's do, but records by their whole
      // owner/repo: a part of a name (acme/inv) would match files and keep none of their records.
      List<String> datasets =
          files.stream()
              .map(f -> DatasetFile.parse(f).orElseThrow().dataset())
              .distinct()
              .sorted()
              .toList();
      List<String> partial =
          request.repos().stream().filter(r -> !datasets.contains(r.replace('/', '-'))).toList();
      if (!partial.isEmpty()) {
        throw new IllegalArgumentException(
            "--repos "
                + String.join(" ", partial)
                + ": no result files of that repository, only of "
                + String.join(", ", datasets)
                + " ({owner}-{repo} in the file names), whose records it would all leave out; give"
                + " whole owner/repo names");
      }
    }
    files.sort(ResultFolders::comparePathParts);

    // One merge per T=/n= folder and run_id, as the reference's: answers sampled at another
    // temperature or count are other results, and mixed into one file they would be scored as one.
    Map<Path, Map<String, List<Path>>> byFolder = new LinkedHashMap<>();
    for (Path f : files) {
      // Every file listed above is named after its run_id.
      byFolder
          .computeIfAbsent(f.getParent(), k -> new TreeMap<>())
          .computeIfAbsent(DatasetFile.parse(f).orElseThrow().runId(), k -> new ArrayList<>())
          .add(f);
    }
    Path outputPath = request.outputPath();
    if (outputPath != null
        && !Files.exists(outputPath)
        && outputPath.getFileName().toString().endsWith(".jsonl")) {
      // It would have become a folder of that name, holding all-task-instances_{run_id}.jsonl.
      throw new IllegalArgumentException(
          "--output-path "
              + outputPath
              + " names the folder the merged files go in (all-task-instances_{run_id}.jsonl"
              + " each), not a file; name a folder, or leave it out to merge beside the inputs");
    }
    if (outputPath != null && byFolder.size() > 1) {
      throw new IllegalArgumentException(
          "--output-path "
              + request.outputPath()
              + " would receive the merges of "
              + byFolder.size()
              + " T=/n= folders ("
              + byFolder.keySet().stream()
                  .map(dir -> modelDir.relativize(dir).toString())
                  .collect(Collectors.joining(", "))
              + "), whose answers one file would mix; choose one with --temperature and --n, or"
              + " leave --output-path out to merge each beside its files");
    }
    OutputLock.requireFinished(files, DatasetMerges.MERGING_HALF_WRITTEN);
    // Bytes that are not UTF-8 stop the merge before any all file is rewritten, not after some.
    files.forEach(file -> JsonLineReader.forEachLine(file, (number, text) -> {}));
    List<Merged> merged = new ArrayList<>();
    int outputs = byFolder.values().stream().mapToInt(Map::size).sum();
    if (outputs > 0) {
      reporter.progress(DatasetMerges.MERGED_FILES, 0, outputs);
    }
    byFolder.forEach(
        (folder, byRunId) -> {
          Path outputDir = outputDir(request.outputPath(), folder);
          byRunId.forEach(
              (runId, group) -> {
                merged.add(mergeRunId(runId, group, request, outputDir, reporter));
                reporter.progress(DatasetMerges.MERGED_FILES, merged.size(), outputs);
              });
        });
    return merged;
  }

  private static Merged mergeRunId(
      String runId, List<Path> files, Request request, Path outputDir, Reporter reporter) {
    List<String> repos = request.repos();
    KeptRecords kept = new KeptRecords(reporter);
    for (Path file : files) {
      // Results written by other tools may hold a line torn by a crash; merging goes on without it,
      // as the reference's does. Bytes that are not UTF-8 are a damaged file: nothing is merged.
      for (Jsonl.Line line :
          JsonLineReader.readObjectsLeavingOutTornLines(file, reporter, "left out of the merge")) {
        String repo = repoOf(line.json().path("instance_id").asText(""));
        if (repos == null || repos.contains(repo)) {
          kept.offer(line.json(), repo, file, line.number());
        }
      }
    }
    Map<String, List<JsonNode>> byRepo = kept.byRepository();
    Path output = outputDir.resolve(DatasetFile.of(DataPaths.MERGED_DATASET, runId).fileName());
    int[] count = {0};
    OutputLock.whileHeld(
        output,
        () -> {
          if (!request.force()) {
            refuseToDrop(output, byRepo, files);
          }
          AtomicFiles.writeText(
              output,
              w -> {
                // Repository names are ASCII, so String order is Python's code point order.
                for (String repo : byRepo.keySet().stream().sorted().toList()) {
                  List<JsonNode> records = byRepo.get(repo);
                  if (records.get(0).has("created_at")) {
                    // List.sort is stable, as Python's sort(reverse=True) is.
                    records.sort(
                        Comparator.comparing((JsonNode r) -> r.path("created_at").asText(""))
                            .reversed());
                  }
                  for (JsonNode record : records) {
                    w.write(unescapeNonAscii(PyJson.toJson(record)));
                    w.write('\n');
                    count[0]++;
                  }
                }
              });
        });
    reporter.info(
        "run_id "
            + runId
            + ": merged "
            + files.size()
            + " file(s) into "
            + output
            + " ("
            + count[0]
            + " records, "
            + byRepo.size()
            + " repositories)");
    return new Merged(runId, output, count[0], byRepo.size());
  }

  /**
   * Throws when {@code output} holds instances that the merge of {@code byRepo} would not: answers
   * that may have been paid for and exist nowhere else.
   */
  private static void refuseToDrop(
      Path output, Map<String, List<JsonNode>> byRepo, List<Path> inputs) {
    Set<String> merged = new HashSet<>();
    byRepo
        .values()
        .forEach(records -> records.forEach(r -> merged.add(r.path("instance_id").asText(""))));
    MergedOutput.refuseToDrop(
        output,
        merged,
        inputs,
        "run-api --dataset_name all writes there directly, or the files merged before are gone",
        "merge-results --force replaces it (in a notebook, mergeResults(model, true))");
  }

  /** {@code owner/repo} from an id {@code owner__repo-pull-N}, else {@code unknown}. */
  static String repoOf(String instanceId) {
    Matcher m = REPO_OF_ID.matcher(instanceId);
    return m.find() ? m.group(1) + "/" + m.group(2) : "unknown";
  }

  /**
   * Python's {@code json.dumps(ensure_ascii=False)} from its {@code ensure_ascii=True} text: every
   * {@code \\uXXXX} escape of a character from U+007F up becomes the character itself; escapes of
   * control characters, quotes and backslashes stay. So do escapes of a surrogate that is not half
   * of a pair (a string cut inside an emoji, say): UTF-8 cannot hold it, and the file's writer
   * would turn it into {@code ?} — changing a prompt that scoring compares with its infbench
   * record's, which keeps the escape. (Python's UTF-8 writer refuses a lone surrogate by default.)
   */
  static String unescapeNonAscii(String json) {
    if (json.indexOf('\\') < 0) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = json.charAt(i + 1);
      if (next == 'u') {
        char code = (char) Integer.parseInt(json, i + 2, i + 6, 16);
        if (code >= 0x7f && !Character.isSurrogate(code)) {
          out.append(code);
          i += 5;
          continue;
        }
        char low =
            Character.isHighSurrogate(code) && json.startsWith("\\u", i + 6)
                ? (char) Integer.parseInt(json, i + 8, i + 12, 16)
                : 0;
        if (Character.isLowSurrogate(low)) {
          out.append(code).append(low);
          i += 11;
          continue;
        }
      }
      out.append(c)
          .append(next); // an escape kept as is; skipping its second char keeps "\\\\u" intact
      i++;
    }
    return out.toString();
  }

  private static Path outputDir(Path outputPath, Path inputFolder) {
    if (outputPath == null) {
      return inputFolder;
    }
    Path dir =
        Files.isRegularFile(outputPath) ? outputPath.toAbsolutePath().getParent() : outputPath;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + AtomicFiles.describe(e), e);
    }
    return dir;
  }
}
