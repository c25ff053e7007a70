package org.editbench.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataFormatException;
import org.editbench.core.Jsonl;

/**
 * What a prediction file's batch runs have handed to a provider, kept in {@code
 * .{file}.batches.json} beside it so that a run killed at any moment picks up its batches instead
 * of submitting again: each batch's provider id (or, between upload and create, the uploaded
 * file's), and per request its {@code custom_id}, instance, a hash of the request body, attempt
 * number and how many files were trimmed from its prompt; and the instances whose last answer is to
 * be asked again. Keys are never part of it. Written with {@link AtomicFiles}, so a reader sees the
 * old state or the new one, never a mix.
 */
final class BatchState {
  static final int FORMAT = 1;

  /**
   * One request in a batch.
   *
   * @param sha256 the request body's SHA-256 (hex): an answer is used only for the request now
   *     prepared
   * @param attempt 1 for the first batch an instance is in, 2 for the first retry, …
   * @param trims files dropped from the prepared prompt after "context length exceeded" answers
   */
  record Request(
      @JsonProperty("custom_id") String customId,
      @JsonProperty("instance_id") String instanceId,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("attempt") int attempt,
      @JsonProperty("trims") int trims) {}

  /**
   * One batch.
   *
   * @param id the provider's batch id; null between staging and the create call's answer
   * @param staged OpenAI's uploaded input file; null for Anthropic
   * @param phase the provider's status word when last seen
   * @param collected its answers are in the prediction file (or queued for a retry)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Batch(
      @JsonProperty("id") String id,
      @JsonProperty("input_file_id") String staged,
      @JsonProperty("submitted_at") String submittedAt,
      @JsonProperty("phase") String phase,
      @JsonProperty("done") int done,
      @JsonProperty("failed") int failed,
      @JsonProperty("collected") boolean collected,
      @JsonProperty("requests") List<Request> requests) {
    Batch {
      requests = List.copyOf(requests);
    }

    Batch withId(String value) {
      return new Batch(value, staged, submittedAt, phase, done, failed, collected, requests);
    }

    Batch seen(BatchApi.BatchStatus status) {
      return new Batch(
          id,
          staged,
          submittedAt,
          status.phase(),
          status.done(),
          status.failed(),
          collected,
          requests);
    }

    /** Collected: the request list is dropped, the prediction file has what came of it. */
    Batch asCollected() {
      return new Batch(id, staged, submittedAt, phase, done, failed, true, List.of());
    }

    int size() {
      return collected ? done : requests.size();
    }
  }

  /** An instance whose answer is to be asked again, with what the next request starts from. */
  record Retry(
      @JsonProperty("attempts") int attempts,
      @JsonProperty("trims") int trims,
      @JsonProperty("reason") String reason) {
    /** The reason of a retry that asks again with one more file dropped from the prompt. */
    static final String TRIMMED = "context length exceeded";

    /**
     * {@code request} to ask again with one more file dropped: as in a direct run, a shorter prompt
     * is no retry, so the next request keeps its attempt number.
     */
    static Retry trimmed(Request request) {
      return new Retry(request.attempt() - 1, request.trims() + 1, TRIMMED);
    }
  }

  /**
   * What the file describes, for a person reading it: model, provider and where its API is (the
   * base URL with any credentials masked).
   */
  record Header(
      @JsonProperty("format") int format,
      @JsonProperty("model") String model,
      @JsonProperty("provider") String provider,
      @JsonProperty("base_url") String baseUrl,
      @JsonProperty("output") String output) {
    /** The header of {@code combination}'s batches, its API where {@code environment} says. */
    static Header of(Combination combination, ApiEnvironment environment) {
      ModelSpec model = combination.model();
      Provider provider = model.api().provider();
      return new Header(
          FORMAT,
          model.name(),
          provider.name().toLowerCase(Locale.ROOT),
          // Shown, not whole: a base URL may carry credentials (user:pass@, ?api-key=).
          environment.shownBaseUrl(provider),
          combination.output().toString());
    }
  }

  record Stored(
      @JsonProperty("header") Header header,
      @JsonProperty("batches") List<Batch> batches,
      @JsonProperty("retries") Map<String, Retry> retries) {}

  private final Path file;
  private final Header header;
  private final List<Batch> batches;
  private final Map<String, Retry> retries;

  private BatchState(Path file, Header header, List<Batch> batches, Map<String, Retry> retries) {
    this.file = file;
    this.header = header;
    this.batches = new ArrayList<>(batches);
    this.retries = new LinkedHashMap<>(retries);
  }

  /** {@code .{name}.batches.json} beside the prediction file. */
  static Path fileFor(Path output) {
    return output.resolveSibling("." + output.getFileName() + ".batches.json");
  }

  /** The prediction file a state file belongs to. */
  static Path outputOf(Path stateFile) {
    String name = stateFile.getFileName().toString();
    return stateFile.resolveSibling(name.substring(1, name.length() - ".batches.json".length()));
  }

  /** The state of {@code output}'s batches; empty when there is none yet. */
  static BatchState open(Path output, Header header) {
    Path file = fileFor(output);
    if (!Files.exists(file)) {
      return new BatchState(file, header, List.of(), Map.of());
    }
    Stored stored = read(file);
    requireUsable(file, stored, header);
    return new BatchState(
        file, header, stored.batches(), stored.retries() == null ? Map.of() : stored.retries());
  }

  /**
   * Refuses {@code output}'s recorded batches when a run described by {@code header} cannot take
   * them over: a run checks every output this way before it submits anything.
   */
  static void requireUsable(Path output, Header header) {
    Path file = fileFor(output);
    if (Files.isRegularFile(file)) {
      requireUsable(file, read(file), header);
    }
  }

  /** Batches of another model or provider, or submitted to another server, are not this run's. */
  private static void requireUsable(Path file, Stored stored, Header header) {
    if (!stored.header().model().equals(header.model())
        || !stored.header().provider().equals(header.provider())) {
      throw new IllegalArgumentException(
          file
              + " records batches of "
              + stored.header().model()
              + " at "
              + stored.header().provider()
              + ", not of "
              + header.model()
              + " at "
              + header.provider()
              + "; collect or cancel them with that model, or delete the file to forget them");
    }
    requireRecordedServer(file, stored, header.baseUrl(), "collect");
  }

  /**
   * Where the batches of {@code stored} not collected yet were submitted, when that is not where
   * requests go now ({@code shownBaseUrl}, as {@link ApiEnvironment#shownBaseUrl} shows it); empty
   * when it is, when every batch is collected, or for a file of a version that kept no base URL.
   * Compared as shown (credentials masked: a file of an earlier version may hold them whole) and
   * without a trailing slash, which does not change where requests go.
   */
  static Optional<String> elsewhere(Stored stored, String shownBaseUrl) {
    String recorded = stored.header().baseUrl();
    if (recorded == null || stored.batches().stream().allMatch(Batch::collected)) {
      return Optional.empty();
    }
    String shown = KeyMask.maskUrl(recorded);
    return comparable(shown).equals(comparable(shownBaseUrl))
        ? Optional.empty()
        : Optional.of(shown);
  }

  private static String comparable(String baseUrl) {
    return baseUrl.replaceAll("/+$", "");
  }

  /**
   * Refuses to reach batches not collected yet anywhere but where they were submitted ({@link
   * #elsewhere}): their ids mean nothing at another server, and a batch can only be collected or
   * cancelled at its own.
   *
   * @param action what would be done with the batches, for the message
   */
  static void requireRecordedServer(Path file, Stored stored, String shownBaseUrl, String action) {
    Optional<String> recorded = elsewhere(stored, shownBaseUrl);
    if (recorded.isEmpty()) {
      return;
    }
    String variable = providerOf(stored).baseUrlVariable();
    throw new IllegalArgumentException(
        file
            + " records batches submitted to "
            + recorded.get()
            + ", but "
            + variable
            + " now sends requests to "
            + shownBaseUrl
            + ": a batch can only be collected or cancelled where it was submitted. Set "
            + variable
            + " back to "
            + action
            + " them, or delete the file to forget them (what they answered is then lost and"
            + " their instances are asked again)");
  }

  static Provider providerOf(Stored stored) {
    return Provider.valueOf(stored.header().provider().toUpperCase(Locale.ROOT));
  }

  /** What to do about a state file that cannot be read. */
  private static final String DAMAGED_ADVICE =
      "it is written atomically, so it was changed by hand or by another program. Restore it if"
          + " you can (a backup, the editor's undo); else move it aside: its batches are then"
          + " neither listed, cancelled nor collected, and their instances are asked (and paid"
          + " for) again";

  /** Reads a state file as it is, for {@code batch status} and {@code batch cancel}. */
  static Stored read(Path file) {
    try {
      Stored stored = Jsonl.MAPPER.readValue(Files.readAllBytes(file), Stored.class);
      if (stored.header() == null
          || stored.batches() == null
          || stored.header().format() != FORMAT) {
        throw new DataFormatException(
            file, "not a batch state file of format " + FORMAT + "; " + DAMAGED_ADVICE);
      }
      try {
        providerOf(stored); // the provider every later step asks for
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new DataFormatException(
            file,
            "its provider "
                + (stored.header().provider() == null
                    ? "is missing"
                    : "'"
                        + stored.header().provider()
                        + "' is none of "
                        + Arrays.stream(Provider.values())
                            .map(p -> p.name().toLowerCase(Locale.ROOT))
                            .toList())
                + "; "
                + DAMAGED_ADVICE);
      }
      return stored;
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "batch state file not found");
    } catch (MismatchedInputException e) {
      // Valid JSON of another shape: Jackson's message would name this class, not the file's form.
      throw new DataFormatException(
          file,
          "not a batch state file (a JSON object with a \"header\" and its \"batches\" is"
              + " expected); "
              + DAMAGED_ADVICE);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DataFormatException(
          file, line, "not a batch state file (" + e.getOriginalMessage() + "); " + DAMAGED_ADVICE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
    }
  }

  Path file() {
    return file;
  }

  List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** Batches whose answers are not collected yet, confirmed or not. */
  List<Batch> live() {
    return batches.stream().filter(b -> !b.collected()).toList();
  }

  Map<String, Retry> retries() {
    return retries;
  }

  void add(Batch batch) {
    batches.add(batch);
  }

  /** Replaces the batch at {@code index} of {@link #batches()}. */
  void replace(Batch old, Batch updated) {
    int index = batches.indexOf(old);
    if (index < 0) {
      throw new IllegalStateException("batch " + old.id() + " is not in " + file);
    }
    batches.set(index, updated);
  }

  void remove(Batch batch) {
    batches.remove(batch);
  }

  /**
   * Writes the state whole: to a temporary file, forced, renamed over the old one ({@link
   * AtomicFiles}).
   */
  void save() {
    byte[] json;
    try {
      json =
          Jsonl.MAPPER
              .writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(new Stored(header, batches, retries));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the batch state", e);
    }
    AtomicFiles.write(file, out -> out.write(json));
  }
}
