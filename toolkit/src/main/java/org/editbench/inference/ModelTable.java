package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.editbench.core.DataFormatException;
import org.editbench.core.Jsonl;
import org.editbench.text.Suggestions;

/**
 * The models run-api knows, as data: the built-in {@code models.json} resource (the reference's
 * tables plus {@code gold}), extended or overridden by a user's file of the same shape.
 *
 * <p>File shape: {@code {"name": {"api": "chat"|"responses"|"anthropic"|"gold"|"last-step",
 * "temperature": 0, "top_p": 0.95, "n": 1, "context_limit": 128000, "cost_per_input_token": 2e-6,
 * "cost_per_output_token": 8e-6, "encoding": "cl100k_base", "sampling_params": ["temperature",
 * "top_p"], "batch_discount": 0.5, "max_tokens": 8192}}}. An entry for a known model changes only
 * the fields it gives; a new model needs {@code api}, {@code context_limit} and both costs.
 * Everything a model does is read from its entry, never from its name.
 *
 * <p>Where a new model's entry leaves out what its requests depend on — the token {@code encoding},
 * or the {@code sampling_params} of a model asked over an API — the table uses a default ({@code
 * cl100k_base}; the API style's {@linkplain ApiStyle#defaultSampling() parameters}) and keeps a
 * warning that says so ({@link #guesses(String)}), which run-api prints before it starts. {@code
 * "send_sampling": false}, the older spelling, means {@code "sampling_params": []}.
 */
public final class ModelTable {
  private static final List<String> FIELDS =
      List.of(
          "api",
          "temperature",
          "top_p",
          "n",
          "context_limit",
          "cost_per_input_token",
          "cost_per_output_token",
          "encoding",
          "sampling_params",
          "send_sampling",
          "batch_discount",
          "max_tokens");
  private static final List<String> REQUIRED_FOR_NEW =
      List.of("api", "context_limit", "cost_per_input_token", "cost_per_output_token");
  private static final String RESOURCE = "models.json";

  private final Map<String, ModelSpec> models;

  /** Per model, the defaults its entry left the table to choose, as warnings. */
  private final Map<String, List<String>> guesses;

  private ModelTable(Map<String, ModelSpec> models, Map<String, List<String>> guesses) {
    this.models = Collections.unmodifiableMap(models);
    this.guesses = Collections.unmodifiableMap(guesses);
  }

  /** The built-in table. */
  public static ModelTable builtIn() {
    try (InputStream in = ModelTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + RESOURCE + " is missing from the toolkit jar");
      }
      return new ModelTable(new LinkedHashMap<>(), new LinkedHashMap<>())
          .with(Path.of(RESOURCE), Jsonl.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in model table: " + e.getMessage(), e);
    }
  }

  /** The built-in table, extended by {@code modelsFile} unless it is null. */
  public static ModelTable load(Path modelsFile) {
    return modelsFile == null ? builtIn() : builtIn().withEntriesFrom(modelsFile);
  }

  /** This table with the entries of a user's JSON file added or overriding. */
  public ModelTable withEntriesFrom(Path file) {
    return with(file, Jsonl.readDocument(file, "--models file"));
  }

  /**
   * The model called {@code name}, or an error that lists the known ones and says how to add one.
   */
  public ModelSpec require(String name) {
    return require(
        name, "pass it with --models FILE (in a notebook: RunApiOptions.Builder.modelsFile)");
  }

  /**
   * {@link #require(String)}, the error ending in {@code howToUse}: what to do with the file that
   * adds the model, where the caller takes it in.
   */
  public ModelSpec require(String name, String howToUse) {
    ModelSpec spec = models.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown model '"
              + name
              + "'"
              + Suggestions.didYouMean(name, models.keySet())
              + ". Known models: "
              + String.join(", ", models.keySet())
              + ". To add one, write a JSON file such as {\""
              + name
              + "\": {\"api\": \"chat\", \"temperature\": 0, \"top_p\": 0.95, \"n\": 1, "
              + "\"context_limit\": 128000, \"cost_per_input_token\": 1e-6, \"cost_per_output_token\": 2e-6, "
              + "\"encoding\": \"cl100k_base\", \"sampling_params\": [\"temperature\", \"top_p\"]}} and "
              + howToUse);
    }
    return spec;
  }

  public Set<String> names() {
    return models.keySet();
  }

  /**
   * What the table had to assume about {@code name} because its entry does not say (empty when the
   * entry says everything its requests depend on), each a warning that names the file and the field
   * to add.
   */
  public List<String> guesses(String name) {
    return guesses.getOrDefault(name, List.of());
  }

  private ModelTable with(Path source, JsonNode root) {
    if (!root.isObject()) {
      throw new DataFormatException(source, "expected a JSON object of model name to settings");
    }
    Map<String, ModelSpec> merged = new LinkedHashMap<>(models);
    Map<String, List<String>> mergedGuesses = new LinkedHashMap<>(guesses);
    root.properties()
        .forEach(
            entry -> {
              String name = entry.getKey();
              ModelSpec spec;
              try {
                spec = parseEntry(name, entry.getValue(), models.get(name));
              } catch (IllegalArgumentException e) {
                throw new DataFormatException(source, "model '" + name + "': " + e.getMessage());
              }
              merged.put(name, spec);
              if (!models.containsKey(name)) {
                mergedGuesses.put(name, guesses(source, spec, entry.getValue()));
              }
            });
    return new ModelTable(merged, mergedGuesses);
  }

  /** The defaults a new model's entry leaves to the table, as warnings. */
  private static List<String> guesses(Path source, ModelSpec spec, JsonNode entry) {
    List<String> said = new ArrayList<>();
    String model = "model '" + spec.name() + "' (" + source + ")";
    if (!entry.has("encoding")) {
      said.add(
          model
              + " gives no \"encoding\": its prompt tokens are counted with "
              + spec.encoding()
              + "; add \"encoding\": \"cl100k_base\" or \"o200k_base\" to its entry to say which");
    }
    if (!spec.api().offline() && !entry.has("sampling_params") && !entry.has("send_sampling")) {
      said.add(
          model
              + " gives no \"sampling_params\": its requests carry "
              + (spec.sampling().isEmpty()
                  ? "no sampling parameter"
                  : spec.sampling().stream()
                      .sorted()
                      .map(SamplingParameter::jsonName)
                      .collect(Collectors.joining(" and ")))
              + ", the default of api \""
              + spec.api().jsonName()
              + "\"; add \"sampling_params\" to its entry"
              + " to say which it accepts ([] for reasoning models that refuse temperature and top_p)");
    }
    return List.copyOf(said);
  }

  private static ModelSpec parseEntry(String name, JsonNode entry, ModelSpec base) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException("expected an object of settings");
    }
    entry
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                    "unknown field '" + field + "' (known: " + String.join(", ", FIELDS) + ")");
              }
            });
    if (base == null) {
      // Every missing field at once: one fix of the file, not one run per field.
      List<String> missing = REQUIRED_FOR_NEW.stream().filter(f -> !entry.has(f)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            "a new model needs the field"
                + (missing.size() > 1 ? "s '" : " '")
                + String.join("', '", missing)
                + "'");
      }
    }
    ModelSpec.Builder b = base == null ? ModelSpec.builder(name) : base.toBuilder();
    if (entry.has("api")) {
      b.api(ApiStyle.fromJsonName(text(entry, "api")));
    }
    if (entry.has("temperature")) {
      b.temperature(number(entry, "temperature"));
    }
    if (entry.has("top_p")) {
      b.topP(entry.get("top_p").isNull() ? null : number(entry, "top_p"));
    }
    if (entry.has("n")) {
      // The results folder n={n} would promise answers that a run does not ask for.
      int n = integer(entry, "n");
      if (n != 1) {
        throw new IllegalArgumentException(
            "field 'n': run-api asks for one answer per instance, so n must be 1, found " + n);
      }
      b.n(n);
    }
    if (entry.has("context_limit")) {
      b.contextLimit(integer(entry, "context_limit"));
    }
    if (entry.has("cost_per_input_token")) {
      b.costPerInputToken(number(entry, "cost_per_input_token").doubleValue());
    }
    if (entry.has("cost_per_output_token")) {
      b.costPerOutputToken(number(entry, "cost_per_output_token").doubleValue());
    }
    if (entry.has("encoding")) {
      b.encoding(text(entry, "encoding"));
    }
    if (entry.has("batch_discount")) {
      b.batchDiscount(number(entry, "batch_discount").doubleValue());
    }
    if (entry.has("max_tokens")) {
      b.maxOutputTokens(integer(entry, "max_tokens"));
    }
    if (entry.has("sampling_params") && entry.has("send_sampling")) {
      throw new IllegalArgumentException(
          "give 'sampling_params' or its older spelling 'send_sampling', not both");
    }
    if (entry.has("sampling_params")) {
      b.sampling(samplingParameters(entry.get("sampling_params")));
    }
    if (entry.has("send_sampling")) {
      JsonNode v = entry.get("send_sampling");
      if (!v.isBoolean()) {
        throw new IllegalArgumentException(
            "field 'send_sampling': expected true or false, found " + v);
      }
      // true: the style's default, which is what send_sampling meant before sampling_params existed
      b.sampling(v.booleanValue() ? null : EnumSet.noneOf(SamplingParameter.class));
    }
    return b.build();
  }

  private static Set<SamplingParameter> samplingParameters(JsonNode v) {
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          "field 'sampling_params': expected a list such as [\"temperature\", \"top_p\"]"
              + " or [], found "
              + v);
    }
    Set<SamplingParameter> parameters = EnumSet.noneOf(SamplingParameter.class);
    for (JsonNode name : v) {
      if (!name.isTextual()) {
        throw new IllegalArgumentException(
            "field 'sampling_params': expected names such as \"temperature\", found " + name);
      }
      parameters.add(SamplingParameter.fromJsonName(name.textValue()));
    }
    return parameters;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "': expected a string, found " + v);
    }
    return v.textValue();
  }

  /** An int stays an Integer and a float a Double: Python prints them differently. */
  private static Number number(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    if (v.isFloatingPointNumber()) {
      return v.doubleValue();
    }
    throw new IllegalArgumentException("field '" + field + "': expected a number, found " + v);
  }

  private static int integer(JsonNode entry, String field) {
    if (number(entry, field) instanceof Integer i) {
      return i;
    }
    throw new IllegalArgumentException(
        "field '" + field + "': expected an integer, found " + entry.get(field));
  }
}
