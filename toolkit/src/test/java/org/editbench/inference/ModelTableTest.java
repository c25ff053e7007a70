package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.editbench.core.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTableTest {
  @TempDir Path dir;

  private static void assertRow(
      ModelSpec m,
      ApiStyle api,
      Number temperature,
      int limit,
      double in,
      double out,
      String encoding) {
    assertEquals(api, m.api(), m.name());
    assertEquals(temperature, m.temperature(), m.name());
    assertEquals(0.95, m.topP(), m.name());
    assertEquals(1, m.n(), m.name());
    assertEquals(limit, m.contextLimit(), m.name());
    assertEquals(in, m.costPerInputToken(), m.name());
    assertEquals(out, m.costPerOutputToken(), m.name());
    assertEquals(encoding, m.encoding(), m.name());
  }

  @Test
  void builtInRowsEqualTheReferenceTables() {
    ModelTable t = ModelTable.builtIn();
    assertRow(
        t.require("gpt-5-codex"), ApiStyle.RESPONSES, 1, 400_000, 1.25e-6, 1.0e-5, "o200k_base");
    assertRow(
        t.require("claude-sonnet-4-5-20250929"),
        ApiStyle.CHAT,
        0,
        200_000,
        3.0e-6,
        1.5e-5,
        "cl100k_base");
    assertRow(
        t.require("qwen3-235b-a22b"), ApiStyle.CHAT, 0, 128_000, 5.56e-7, 5.556e-6, "cl100k_base");
    assertRow(
        t.require("gemini-2.5-pro"), ApiStyle.CHAT, 0, 1_000_000, 1.25e-6, 1.0e-5, "cl100k_base");
    assertRow(
        t.require("deepseek-v3.2"), ApiStyle.CHAT, 0, 128_000, 2.22e-7, 3.33e-7, "cl100k_base");
    assertRow(t.require("gpt-4.1"), ApiStyle.CHAT, 0, 128_000, 2.0e-6, 8.0e-6, "o200k_base");
    assertEquals(
        Set.of(),
        t.require("gpt-5-codex").sampling(),
        "reasoning models refuse temperature and top_p");
    assertEquals(
        Set.of(SamplingParameter.TEMPERATURE), t.require("claude-sonnet-4-5-20250929").sampling());
    assertEquals(
        Set.of(SamplingParameter.TEMPERATURE, SamplingParameter.TOP_P),
        t.require("gpt-4.1").sampling());
    ModelSpec gold = t.require("gold");
    assertEquals(ApiStyle.GOLD, gold.api());
    assertEquals(0.0, gold.cost(1_000_000, 1_000_000));
    ModelSpec lastStep = t.require("last-step");
    assertEquals(ApiStyle.LAST_STEP, lastStep.api());
    assertTrue(lastStep.api().offline() && gold.api().offline() && !ApiStyle.CHAT.offline());
    assertEquals(0.0, lastStep.cost(1_000_000, 1_000_000));
  }

  @Test
  void temperatureFolderPrintsTheNumberAsPythonDoes() {
    ModelTable t = ModelTable.builtIn();
    assertEquals("0", t.require("gpt-4.1").temperatureText());
    assertEquals("1", t.require("gpt-5-codex").temperatureText());
    ModelTable mine =
        t.withEntriesFrom(
            file(
                "{\"gpt-4.1\": {\"temperature\": 0.7}, \"x\": {\"api\": \"chat\","
                    + " \"temperature\": 1.0, \"context_limit\": 10, \"cost_per_input_token\": 0, \"cost_per_output_token\": 0}}"));
    assertEquals("0.7", mine.require("gpt-4.1").temperatureText());
    assertEquals(
        "1.0", mine.require("x").temperatureText(), "a float 1.0 stays a float, as in Python");
    assertEquals(
        Path.of("r/gpt-4.1/T=0.7/n=1/all-task-instances_0.2.jsonl"),
        ResultPaths.outputFile(
            Path.of("r"), mine.require("gpt-4.1"), "all-task-instances_0.2.jsonl"));
  }

  @Test
  void aUserFileOverridesFieldsAndAddsModels() {
    ModelTable t =
        ModelTable.builtIn()
            .withEntriesFrom(
                file(
                    "{\"gpt-4.1\": {\"context_limit\": 1000},"
                        + " \"local/llama\": {\"api\": \"chat\", \"top_p\": null, \"context_limit\": 8192,"
                        + " \"cost_per_input_token\": 0, \"cost_per_output_token\": 0}}"));
    assertEquals(1000, t.require("gpt-4.1").contextLimit());
    assertEquals(
        2.0e-6, t.require("gpt-4.1").costPerInputToken(), "fields not given keep their values");
    ModelSpec llama = t.require("local/llama");
    assertNull(llama.topP());
    assertEquals("cl100k_base", llama.encoding());
    assertTrue(t.names().contains("gold"));
  }

  @Test
  void unknownModelListsTheKnownOnesAndSaysHowToAddOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelTable.builtIn().require("gpt-9"));
    assertTrue(e.getMessage().contains("unknown model 'gpt-9'"), e.getMessage());
    assertTrue(e.getMessage().contains("gpt-5-codex, claude-sonnet-4-5-20250929"), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "pass it with --models FILE (in a notebook: RunApiOptions.Builder.modelsFile)"),
        e.getMessage());
  }

  @Test
  void badEntriesAreErrorsNamingFileAndModel() {
    Path typo = file("{\"m\": {\"api\": \"chat\", \"contextlimit\": 5}}");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ModelTable.builtIn().withEntriesFrom(typo));
    assertTrue(
        e.getMessage().startsWith(typo + ": model 'm': unknown field 'contextlimit'"),
        e.getMessage());

    Path incomplete = file("{\"m\": {\"api\": \"chat\"}}");
    e =
        assertThrows(
            DataFormatException.class, () -> ModelTable.builtIn().withEntriesFrom(incomplete));
    assertTrue(
        e.getMessage()
            .contains(
                "a new model needs the fields 'context_limit', 'cost_per_input_token',"
                    + " 'cost_per_output_token'"),
        "every missing field at once: " + e.getMessage());
    Path oneMissing =
        file("{\"m\": {\"api\": \"chat\", \"context_limit\": 5, \"cost_per_input_token\": 1e-6}}");
    e =
        assertThrows(
            DataFormatException.class, () -> ModelTable.builtIn().withEntriesFrom(oneMissing));
    assertTrue(
        e.getMessage().contains("a new model needs the field 'cost_per_output_token'"),
        e.getMessage());

    Path badApi = file("{\"gpt-4.1\": {\"api\": \"completions\"}}");
    e = assertThrows(DataFormatException.class, () -> ModelTable.builtIn().withEntriesFrom(badApi));
    assertTrue(
        e.getMessage()
            .contains(
                "unknown api style 'completions' (use one of chat, responses, anthropic, gold, last-step)"),
        e.getMessage());

    // n=3 would name a results folder n=3 for one answer per instance
    Path severalAnswers = file("{\"gpt-4.1\": {\"n\": 3}}");
    e =
        assertThrows(
            DataFormatException.class, () -> ModelTable.builtIn().withEntriesFrom(severalAnswers));
    assertTrue(
        e.getMessage()
            .startsWith(
                severalAnswers
                    + ": model 'gpt-4.1': field 'n': run-api asks for one answer per instance, so n"
                    + " must be 1, found 3"),
        e.getMessage());

    Path notJson = file("{\"m\": ");
    e =
        assertThrows(
            DataFormatException.class, () -> ModelTable.builtIn().withEntriesFrom(notJson));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void modelNamesMayNameSubFoldersButNeverLeaveTheResultsFolder() {
    assertEquals(
        Path.of("r/agentless/gpt-4.1"), ResultPaths.modelDir(Path.of("r"), "agentless/gpt-4.1"));
    for (String bad :
        new String[] {
          "../x", "a/../../x", "/etc/x", "a//b", "a/", "..", ".", "a\\b", "", "a/./b"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ResultPaths.modelDir(Path.of("r"), bad), bad);
      assertTrue(
          e.getMessage().contains("cannot be used as a results folder") || bad.isEmpty(),
          e.getMessage());
    }
    Path traversal =
        file(
            "{\"../escape\": {\"api\": \"chat\", \"context_limit\": 10,"
                + " \"cost_per_input_token\": 0, \"cost_per_output_token\": 0}}");
    assertThrows(DataFormatException.class, () -> ModelTable.builtIn().withEntriesFrom(traversal));
  }

  private Path file(String json) {
    Path f = dir.resolve("models-" + json.hashCode() + ".json");
    Fixtures.write(f, json);
    return f;
  }

  @Test
  void batchDiscountAndMaxTokensAreTableFieldsWithDefaults() {
    ModelTable t = ModelTable.builtIn();
    assertEquals(
        0.5,
        t.require("gpt-4.1").batchDiscount(),
        "OpenAI and Anthropic publish half price for batches");
    assertEquals(ModelSpec.DEFAULT_MAX_OUTPUT_TOKENS, t.require("gpt-4.1").maxOutputTokens());
    ModelTable mine =
        t.withEntriesFrom(
            file(
                "{\"claude-sonnet-4-5-20250929\": {\"api\": \"anthropic\","
                    + " \"batch_discount\": 0.6, \"max_tokens\": 16000}}"));
    ModelSpec claude = mine.require("claude-sonnet-4-5-20250929");
    assertEquals(ApiStyle.ANTHROPIC, claude.api());
    assertEquals(Provider.ANTHROPIC, claude.api().provider());
    assertEquals(0.6, claude.batchDiscount());
    assertEquals(16000, claude.maxOutputTokens());
    assertEquals(200_000, claude.contextLimit(), "the other fields stay");
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> t.withEntriesFrom(file("{\"gpt-4.1\": {\"batch_discount\": 0}}")));
    assertTrue(e.getMessage().contains("batch_discount must be in (0, 1]"), e.getMessage());
  }

  private static final Set<SamplingParameter> BOTH =
      Set.of(SamplingParameter.TEMPERATURE, SamplingParameter.TOP_P);

  @Test
  void samplingParametersAreTheEntrysNeverTheNames() {
    ModelTable t =
        ModelTable.builtIn()
            .withEntriesFrom(
                file(
                    "{"
                        + "\"claude-x\": {\"api\": \"chat\", \"context_limit\": 10, \"cost_per_input_token\": 0,"
                        + " \"cost_per_output_token\": 0, \"encoding\": \"cl100k_base\"},"
                        + " \"plain-model\": {\"api\": \"chat\", \"context_limit\": 10, \"cost_per_input_token\": 0,"
                        + " \"cost_per_output_token\": 0, \"sampling_params\": [\"temperature\"]},"
                        + " \"o3-like\": {\"api\": \"responses\", \"context_limit\": 10, \"cost_per_input_token\": 0,"
                        + " \"cost_per_output_token\": 0, \"send_sampling\": false},"
                        + " \"gpt-native\": {\"api\": \"anthropic\", \"context_limit\": 10, \"cost_per_input_token\": 0,"
                        + " \"cost_per_output_token\": 0}}"));
    assertEquals(BOTH, t.require("claude-x").sampling(), "a 'claude' name no longer drops top_p");
    assertEquals(Set.of(SamplingParameter.TEMPERATURE), t.require("plain-model").sampling());
    assertEquals(
        Set.of(),
        t.require("o3-like").sampling(),
        "send_sampling: false, the older spelling of []");
    assertEquals(
        Set.of(SamplingParameter.TEMPERATURE),
        t.require("gpt-native").sampling(),
        "an Anthropic-style model takes temperature alone unless its entry says otherwise");
    ModelTable overridden =
        t.withEntriesFrom(
            file(
                "{\"claude-sonnet-4-5-20250929\": {\"sampling_params\":"
                    + " [\"top_p\", \"temperature\"]}}"));
    assertEquals(BOTH, overridden.require("claude-sonnet-4-5-20250929").sampling());
  }

  @Test
  void badSamplingParametersAreErrorsThatSayWhatToWrite() {
    ModelTable t = ModelTable.builtIn();
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> t.withEntriesFrom(file("{\"gpt-4.1\": {\"sampling_params\": [\"top_k\"]}}")));
    assertTrue(
        e.getMessage().contains("unknown sampling parameter 'top_k' (use temperature, top_p)"),
        e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () -> t.withEntriesFrom(file("{\"gpt-4.1\": {\"sampling_params\": \"temperature\"}}")));
    assertTrue(e.getMessage().contains("expected a list such as"), e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () ->
                t.withEntriesFrom(
                    file("{\"gpt-4.1\": {\"sampling_params\": [], \"send_sampling\": false}}")));
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
  }

  @Test
  void whatANewEntryLeavesOutIsAWarningNamingFileAndField() {
    Path mine =
        file(
            "{\"my-model\": {\"api\": \"chat\", \"context_limit\": 10, \"cost_per_input_token\": 0,"
                + " \"cost_per_output_token\": 0}, \"my-gold\": {\"api\": \"gold\", \"context_limit\": 10,"
                + " \"cost_per_input_token\": 0, \"cost_per_output_token\": 0, \"encoding\": \"o200k_base\"},"
                + " \"gpt-4.1\": {\"temperature\": 0.5}}");
    ModelTable t = ModelTable.builtIn().withEntriesFrom(mine);
    List<String> guesses = t.guesses("my-model");
    assertEquals(2, guesses.size(), guesses.toString());
    assertTrue(
        guesses
            .get(0)
            .startsWith(
                "model 'my-model' ("
                    + mine
                    + ") gives no \"encoding\": its prompt tokens"
                    + " are counted with cl100k_base; add \"encoding\""),
        guesses.get(0));
    assertTrue(
        guesses
            .get(1)
            .contains(
                "gives no \"sampling_params\": its requests carry temperature and top_p,"
                    + " the default of api \"chat\"; add \"sampling_params\""),
        guesses.get(1));
    assertEquals(
        List.of(), t.guesses("my-gold"), "an offline model sends no sampling parameters at all");
    assertEquals(List.of(), t.guesses("gpt-4.1"), "an override keeps what the built-in entry says");
    for (String name : ModelTable.builtIn().names()) {
      assertEquals(
          List.of(),
          ModelTable.builtIn().guesses(name),
          "the built-in table says everything: " + name);
    }
  }
}
