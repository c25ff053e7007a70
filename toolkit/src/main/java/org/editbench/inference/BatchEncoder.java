package org.editbench.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.editbench.core.AtomicFiles;
import org.editbench.core.Jsonl;

/**
 * Writes requests as a provider's batch input, split so that no batch exceeds the provider's
 * request count or size: OpenAI's JSONL of {@code {custom_id, method, url, body}}, Anthropic's
 * {@code {"requests": [{custom_id, params}, …]}}. The body is the same one a direct run sends.
 */
final class BatchEncoder {
  /** What Anthropic allows in a {@code custom_id}; OpenAI allows more, the same ids serve both. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final byte[] ANTHROPIC_HEAD =
      "{\"requests\": [".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ANTHROPIC_TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

  /** A request to encode: the prompt as it will be sent. */
  record Item(String instanceId, String prompt, int attempt, int trims) {}

  /** One batch's input, written to {@code file}. */
  record Chunk(Path file, List<BatchState.Request> requests, long bytes) {}

  private final Provider provider;
  private final ApiCodec codec;
  private final ModelSpec model;
  private final int maxRequests;
  private final long maxBytes;

  BatchEncoder(ModelSpec model, int maxRequests, long maxBytes) {
    this.provider = model.api().provider();
    this.codec = ApiCodec.forStyle(model.api());
    this.model = model;
    this.maxRequests = maxRequests;
    this.maxBytes = maxBytes;
  }

  /** The endpoint an OpenAI batch names: {@code /v1/chat/completions} or {@code /v1/responses}. */
  static String openAiEndpoint(ModelSpec model) {
    return "/v1" + ApiCodec.forStyle(model.api()).path();
  }

  /**
   * Encodes {@code items} in order into {@code file}, one chunk at a time: each full chunk is
   * handed to {@code submit} before the next is written over it, so one chunk's bytes are on disk
   * at a time and none in memory.
   */
  void encode(List<Item> items, Path file, Consumer<Chunk> submit) {
    List<BatchState.Request> requests = new ArrayList<>();
    long bytes = 0;
    OutputStream out = null;
    try {
      for (Item item : items) {
        byte[] body = body(item.prompt());
        String customId = customId(item.instanceId());
        byte[] line = wrap(customId, body);
        long added = line.length + 1; // the line end, or the comma between Anthropic's requests
        if (!requests.isEmpty() && (requests.size() >= maxRequests || bytes + added > maxBytes)) {
          submit.accept(finish(out, file, requests, bytes));
          requests = new ArrayList<>();
          bytes = 0;
          out = null;
        }
        if (out == null) {
          out = Files.newOutputStream(file);
          if (provider == Provider.ANTHROPIC) {
            out.write(ANTHROPIC_HEAD);
            bytes = ANTHROPIC_HEAD.length + ANTHROPIC_TAIL.length - 1;
          }
        }
        if (provider == Provider.ANTHROPIC && !requests.isEmpty()) {
          out.write(',');
        }
        out.write(line);
        if (provider == Provider.OPENAI) {
          out.write('\n');
        }
        bytes += added;
        requests.add(
            new BatchState.Request(
                customId, item.instanceId(), sha256(body), item.attempt(), item.trims()));
      }
      if (!requests.isEmpty()) {
        submit.accept(finish(out, file, requests, bytes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the batch input " + file + ": " + AtomicFiles.describe(e), e);
    } finally {
      closeQuietly(out);
    }
  }

  private Chunk finish(OutputStream out, Path file, List<BatchState.Request> requests, long bytes)
      throws IOException {
    if (provider == Provider.ANTHROPIC) {
      out.write(ANTHROPIC_TAIL);
    }
    out.close();
    return new Chunk(file, requests, bytes);
  }

  private static void closeQuietly(OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // already failing or finished; the next chunk rewrites the file
      }
    }
  }

  /** The request body for {@code prompt}, as a direct run would send it. */
  byte[] body(String prompt) {
    try {
      return Jsonl.MAPPER.writeValueAsBytes(codec.encode(model, PromptParts.split(prompt)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a request body", e);
    }
  }

  private byte[] wrap(String customId, byte[] body) {
    String head =
        provider == Provider.ANTHROPIC
            ? "{\"custom_id\": \"" + customId + "\", \"params\": "
            : "{\"custom_id\": \""
                + customId
                + "\", \"method\": \"POST\", \"url\": \""
                + openAiEndpoint(model)
                + "\", \"body\": ";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[headBytes.length + body.length + 1];
    System.arraycopy(headBytes, 0, line, 0, headBytes.length);
    System.arraycopy(body, 0, line, headBytes.length, body.length);
    line[line.length - 1] = '}';
    return line;
  }

  /**
   * The instance id when both providers take it as a {@code custom_id} (letters, digits, {@code _}
   * and {@code -}, at most 64), else {@code h-} and a hash of it; the state file maps it back
   * either way.
   */
  static String customId(String instanceId) {
    return SAFE_ID.matcher(instanceId).matches()
        ? instanceId
        : "h-" + sha256(instanceId.getBytes(StandardCharsets.UTF_8)).substring(0, 40);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
