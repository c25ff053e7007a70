package org.editbench.notebook;

import java.util.Optional;

/**
 * A {@link Magics.Provider} on the tests' class path (listed in META-INF/services), as an extension
 * jar beside the toolkit would be: {@link Magics#standard()} finds it at start.
 */
public final class ClassPathMagics implements Magics.Provider {
  @Override
  public void registerTo(Magics magics) {
    magics.register(
        "fromClassPath", (args, context) -> context.output().stdout("line magic " + args + "\n"));
    magics.registerCell(
        "fromClassPath", (args, body, context) -> Optional.of(MimeBundle.text(body.strip())));
  }
}
