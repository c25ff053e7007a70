package org.editbench.inference;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A sampling setting that a request may carry. Which of them a model takes is data in the model
 * table ({@code sampling_params}): reasoning models refuse both, Claude refuses {@code top_p} next
 * to {@code temperature}, and a server answers a parameter its model refuses with HTTP 400.
 */
public enum SamplingParameter {
  TEMPERATURE("temperature"),
  TOP_P("top_p");

  private final String jsonName;

  SamplingParameter(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The spelling in the model table and in the request body. */
  public String jsonName() {
    return jsonName;
  }

  /** The parameter spelled {@code name} in a model table, or an error listing the spellings. */
  public static SamplingParameter fromJsonName(String name) {
    for (SamplingParameter parameter : values()) {
      if (parameter.jsonName.equals(name)) {
        return parameter;
      }
    }
    throw new IllegalArgumentException(
        "unknown sampling parameter '"
            + name
            + "' (use "
            + Arrays.stream(values())
                .map(SamplingParameter::jsonName)
                .collect(Collectors.joining(", "))
            + ")");
  }
}
