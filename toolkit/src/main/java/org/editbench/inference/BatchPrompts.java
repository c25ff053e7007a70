package org.editbench.inference;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instances a batch run asks for, as submission and collection both see them: the prompt each
 * is asked with after the files trimmed from it so far, whether its record is written, and whether
 * an answer belongs to the request that would be sent now.
 */
final class BatchPrompts {
  private final Map<String, Prefilter.Planned> planned = new LinkedHashMap<>();
  private final Set<String> recorded;
  private final BatchEncoder encoder;

  /**
   * Body hashes of the requests this process encoded: no need to encode them again to check an
   * answer.
   */
  private final Map<String, String> encodedHere = new HashMap<>();

  /**
   * @param recorded the instances the prediction file already has a record of
   */
  BatchPrompts(List<Prefilter.Planned> toRun, Set<String> recorded, BatchEncoder encoder) {
    toRun.forEach(p -> planned.put(p.instance().instanceId(), p));
    this.recorded = new HashSet<>(recorded);
    this.encoder = encoder;
  }

  /** The instances with no record that are not in {@code running}, in the input's order. */
  List<String> unanswered(Set<String> running) {
    return planned.keySet().stream()
        .filter(id -> !recorded.contains(id) && !running.contains(id))
        .toList();
  }

  /**
   * Whether {@code id} is neither part of this run nor recorded: a batch submitted with a larger
   * selection asked it, and this run would drop its answer.
   */
  boolean outsideRun(String id) {
    return !planned.containsKey(id) && !recorded.contains(id);
  }

  /**
   * Whether an answer for {@code id} is still wanted: it is part of this run and has no record yet.
   */
  boolean awaitsAnswer(String id) {
    return planned.containsKey(id) && !recorded.contains(id);
  }

  /** The prompt prepared for {@code id}, with its last {@code trims} files dropped. */
  String prompt(String id, int trims) {
    String current = planned.get(id).fit().prompt();
    for (int i = 0; i < trims; i++) {
      current = PromptTrimmer.dropLastFile(current);
    }
    return current;
  }

  /**
   * Whether {@code request}'s body is the one {@code prompt} is encoded to now: an answer to a
   * prompt that changed since it was submitted is not used.
   */
  boolean isCurrent(BatchState.Request request, String prompt) {
    String current = encodedHere.get(request.instanceId());
    if (current == null || request.trims() > 0) {
      current = BatchEncoder.sha256(encoder.body(prompt));
    }
    return current.equals(request.sha256());
  }

  void submitted(BatchState.Request request) {
    encodedHere.put(request.instanceId(), request.sha256());
  }

  void recorded(String id) {
    recorded.add(id);
  }
}
