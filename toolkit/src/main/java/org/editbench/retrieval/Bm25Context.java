package org.editbench.retrieval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code context of one instance under BM25 retrieval, or the reason it falls back to the oracle
 * context (the files the pull request edits), as the reference does.
 *
 * @param files path → content, in prompt order: the files the history edits (in order of first
 *     appearance, with the history applied), then the retrieved files (best first); empty on
 *     fallback
 * @param retrieved the retrieved files with their scores, best first; empty on fallback
 * @param fallbackReason why the oracle context must be used instead, when it must
 */
public record Bm25Context(
    Map<String, String> files, List<ScoredPath> retrieved, Optional<String> fallbackReason) {
  public Bm25Context {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    retrieved = List.copyOf(retrieved);
  }

  static Bm25Context retrieved(Map<String, String> files, List<ScoredPath> retrieved) {
    return new Bm25Context(files, retrieved, Optional.empty());
  }

  static Bm25Context fallback(String reason) {
    return new Bm25Context(Map.of(), List.of(), Optional.of(reason));
  }

  /** True when the caller must use the oracle context (and count the instance as a fallback). */
  public boolean usesOracle() {
    return fallbackReason.isPresent();
  }
}
