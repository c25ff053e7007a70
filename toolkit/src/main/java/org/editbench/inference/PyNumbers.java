package org.editbench.inference;

import org.editbench.core.PyJson;

/**
 * Numbers from the model table keep their JSON kind: {@code 0} is an int and {@code 0.0} a float in
 * Python, and Python prints them differently ({@code T=0} vs {@code T=0.0}); the output folder
 * names and records must print them as the reference does.
 */
final class PyNumbers {
  private PyNumbers() {}

  /** Python's {@code str(x)}: floats (Double) as {@code repr(float)}, integers as digits. */
  static String str(Number value) {
    return value instanceof Double || value instanceof Float
        ? PyJson.floatRepr(value.doubleValue())
        : value.toString();
  }
}
