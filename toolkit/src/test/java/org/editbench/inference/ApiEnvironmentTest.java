package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.editbench.core.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiEnvironmentTest {
  @TempDir Path dir;

  @Test
  void keysComeFromOpenAiKeysOrOpenAiKey() {
    Path none = dir.resolve("missing.env");
    assertEquals(
        List.of("k1-aaaaaaaaaaaa", "k2-bbbbbbbbbbbb"),
        ApiEnvironment.load(
                Map.of(
                    "OPENAI_KEYS",
                    " k1-aaaaaaaaaaaa, ,k2-bbbbbbbbbbbb,k1-aaaaaaaaaaaa",
                    "OPENAI_KEY",
                    "single"),
                none)
            .apiKeys());
    assertEquals(
        List.of("single"), ApiEnvironment.load(Map.of("OPENAI_KEY", "single"), none).apiKeys());
    assertEquals(List.of(), ApiEnvironment.load(Map.of(), none).apiKeys());
    assertNull(ApiEnvironment.load(Map.of(), none).baseUrl());
    assertEquals(
        "https://api.openai.com/v1",
        ApiEnvironment.load(Map.of(), none).baseUrlFor(Provider.OPENAI));
  }

  @Test
  void dotEnvFillsWhatTheEnvironmentLacks() {
    Path env = dir.resolve(".env");
    Fixtures.write(
        env,
        "# keys\nexport OPENAI_KEYS=\"sk-from-dotenv-1,sk-from-dotenv-2\"\n"
            + "BASE_URL=http://127.0.0.1:8000/v1 # local vLLM\n\nnot a line\n");
    ApiEnvironment fromFile = ApiEnvironment.load(Map.of(), env);
    assertEquals(List.of("sk-from-dotenv-1", "sk-from-dotenv-2"), fromFile.apiKeys());
    assertEquals("http://127.0.0.1:8000/v1", fromFile.baseUrl());
    ApiEnvironment overridden =
        ApiEnvironment.load(Map.of("BASE_URL", "http://127.0.0.1:9/v1"), env);
    assertEquals("http://127.0.0.1:9/v1", overridden.baseUrl());
  }

  @Test
  void ofTwoDotEnvFilesAProvidersKeysAndBaseUrlComeFromOneNeverAMix() {
    Path dataFolder = dir.resolve("data.env");
    Path notebooks = dir.resolve("notebooks.env");
    Fixtures.write(dataFolder, "OPENAI_KEYS=sk-real-openai-key-1\nANTHROPIC_KEYS=sk-ant-data-1\n");
    Fixtures.write(notebooks, "OPENAI_KEY=sk-local-vllm-1\nBASE_URL=http://127.0.0.1:8000/v1\n");
    ApiEnvironment env = ApiEnvironment.load(Map.of(), dataFolder, notebooks);
    assertEquals(
        List.of("sk-local-vllm-1"),
        env.apiKeys(),
        "the later file's key for its server, not the other file's key sent there");
    assertEquals("http://127.0.0.1:8000/v1", env.baseUrl());
    assertEquals(List.of("sk-ant-data-1"), env.anthropicKeys(), "a provider the later file lacks");
    assertEquals(
        List.of("sk-real-openai-key-1"),
        ApiEnvironment.load(Map.of(), notebooks, dataFolder).apiKeys(),
        "the other way round, the data folder's file wins whole");
    assertNull(ApiEnvironment.load(Map.of(), notebooks, dataFolder).baseUrl());
  }

  @Test
  void aDotEnvThatIsNotUtf8IsBadInputNamingItsLine() throws IOException {
    Path env = dir.resolve(".env");
    java.nio.file.Files.write(env, new byte[] {'A', '=', '1', '\n', 'B', '=', (byte) 0xff, '\n'});
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ApiEnvironment.load(Map.of(), env));
    assertEquals(env + ":2: invalid UTF-8 at byte 6", e.getMessage());
  }

  @Test
  void keysAreShownMaskedOnly() {
    assertEquals("sk-***xyz", KeyMask.mask("sk-0123456789xyz"));
    assertEquals("***", KeyMask.mask("short-key"));
    ApiEnvironment env = new ApiEnvironment(List.of("sk-0123456789xyz"), null);
    assertFalse(env.toString().contains("0123456789"), env.toString());
    assertEquals(
        "quota of sk-***xyz and sk-***xyz",
        KeyMask.redactor(List.of("sk-0123456789xyz"))
            .apply("quota of sk-0123456789xyz and sk-0123456789xyz"));
  }

  @Test
  void baseUrlsAreShownWithoutTheCredentialsTheyCarry() {
    assertEquals(
        "http://***@127.0.0.1:18081/v1",
        KeyMask.maskUrl("http://proxyuser:pr0xy-s3cret-pass@127.0.0.1:18081/v1"));
    assertEquals(
        "https://gw.example/v1?api-key=***&region=eu&access_token=***#x",
        KeyMask.maskUrl("https://gw.example/v1?api-key=abc123&region=eu&access_token=t0k#x"));
    assertEquals("http://127.0.0.1:8000/v1", KeyMask.maskUrl("http://127.0.0.1:8000/v1"));
    ApiEnvironment env =
        ApiEnvironment.load(
            Map.of(
                "BASE_URL",
                "http://user:pr0xy-s3cret@127.0.0.1:9/v1",
                "ANTHROPIC_BASE_URL",
                "http://127.0.0.1:9?key=an7hr0pic"),
            dir.resolve("none"));
    String shown = RunReport.environmentLine(env) + env;
    assertFalse(shown.contains("pr0xy-s3cret") || shown.contains("an7hr0pic"), shown);
    assertTrue(shown.contains("base URL: http://***@127.0.0.1:9/v1"), shown);
  }

  @Test
  void anthropicKeysAndBaseUrlHaveTheirOwnVariables() {
    ApiEnvironment env =
        ApiEnvironment.load(
            Map.of(
                "ANTHROPIC_API_KEY",
                "sk-ant-0123456789abc",
                "ANTHROPIC_BASE_URL",
                "http://127.0.0.1:9",
                "OPENAI_KEY",
                "sk-openai-0123456789"),
            dir.resolve("none"));
    assertEquals(List.of("sk-ant-0123456789abc"), env.keysFor(Provider.ANTHROPIC));
    assertEquals(List.of("sk-openai-0123456789"), env.keysFor(Provider.OPENAI));
    assertEquals("http://127.0.0.1:9", env.baseUrlFor(Provider.ANTHROPIC));
    assertEquals("https://api.openai.com/v1", env.baseUrlFor(Provider.OPENAI));
    assertEquals(
        "https://api.anthropic.com",
        ApiEnvironment.load(Map.of(), dir.resolve("none")).baseUrlFor(Provider.ANTHROPIC));
    assertFalse(env.toString().contains("0123456789"), env.toString());
    assertEquals(2, env.allKeys().size());
  }

  @Test
  void anInferenceRequestShowsItsKeyOnlyMasked() {
    InferenceRequest request =
        new InferenceRequest("o__r-1", "the prompt", null, null, "sk-proj-0123456789abcdef");
    assertEquals(
        "InferenceRequest[instanceId=o__r-1, prompt=10 chars, apiKey=sk-***def]",
        request.toString());
  }
}
