package org.editbench.notebook;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One evaluator shared by a test class's tests (a session starts in about a second): started before
 * the first test, closed after the last. Register it as {@code @RegisterExtension static final
 * EvaluatorSession session = new EvaluatorSession();}.
 */
final class EvaluatorSession implements BeforeAllCallback, AfterAllCallback {
  private final EvaluatorConfig config;
  private final Magics magics;
  private JShellEvaluator evaluator;

  /** A session as the kernel starts it: default configuration, the standard magics. */
  EvaluatorSession() {
    this(EvaluatorConfig.defaults(), Magics.standard());
  }

  EvaluatorSession(EvaluatorConfig config, Magics magics) {
    this.config = config;
    this.magics = magics;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws CellException {
    evaluator = JShellEvaluator.start(config, magics, new RecordingOutput());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    evaluator.close();
  }

  JShellEvaluator evaluator() {
    return evaluator;
  }

  /** Runs {@code code} as the cell {@code In [1]}. */
  Optional<MimeBundle> run(String code, RecordingOutput output) throws CellException {
    return evaluator.execute("In [1]", code, output);
  }

  /**
   * Runs {@code code} as the cell {@code In [1]}; its value, if any, is the last event,
   * "value:text".
   */
  RecordingOutput run(String code) throws CellException {
    RecordingOutput output = new RecordingOutput();
    run(code, output).ifPresent(value -> output.events.add("value:" + value.text()));
    return output;
  }
}
