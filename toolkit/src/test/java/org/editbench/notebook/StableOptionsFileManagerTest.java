package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;

class StableOptionsFileManagerTest {
  /** Every handleOption call the wrapped file manager receives, as "option=value". */
  private final List<String> received = new ArrayList<>();

  private final StandardJavaFileManager recording =
      (StandardJavaFileManager)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {StandardJavaFileManager.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("handleOption")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                @SuppressWarnings("unchecked")
                Iterator<String> values = (Iterator<String>) args[1];
                received.add(args[0] + "=" + values.next());
                return true;
              });

  private boolean handle(StableOptionsFileManager fileManager, String option, String value) {
    return fileManager.handleOption(option, List.of(value).iterator());
  }

  @Test
  void anUnchangedMultiReleaseValueReachesTheFileManagerOnce() {
    StableOptionsFileManager fileManager = new StableOptionsFileManager(recording);
    for (int compilation = 0; compilation < 5; compilation++) {
      assertTrue(handle(fileManager, "--multi-release", "17"));
    }
    assertEquals(List.of("--multi-release=17"), received);
  }

  @Test
  void aChangedValueAndOtherOptionsAlwaysReachIt() {
    StableOptionsFileManager fileManager = new StableOptionsFileManager(recording);
    handle(fileManager, "--multi-release", "17");
    handle(fileManager, "-classpath", "a.jar");
    handle(fileManager, "-classpath", "a.jar");
    handle(fileManager, "--multi-release", "11");
    handle(fileManager, "--multi-release", "17");
    assertEquals(
        List.of(
            "--multi-release=17",
            "-classpath=a.jar",
            "-classpath=a.jar",
            "--multi-release=11",
            "--multi-release=17"),
        received);
  }
}
