package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateFilesTest {
  private final CandidateFiles python = CandidateFiles.defaults();

  @Test
  void pythonFilesOutsideExcludedDirectories() {
    assertTrue(python.accepts("setup.py"));
    assertTrue(python.accepts("pkg/sub/module.py"));
    assertFalse(python.accepts("pkg/module.pyi"));
    assertFalse(python.accepts("README.md"));
    for (String excluded : List.of(".git", "__pycache__", ".venv", "venv", "env")) {
      assertFalse(python.accepts(excluded + "/x.py"), excluded);
      assertFalse(python.accepts("pkg/" + excluded + "/deep/x.py"), excluded);
    }
  }

  @Test
  void onlyWholeDirectoryNamesAreExcludedUnlikeTheReferenceSubstringTest() {
    assertTrue(python.accepts("envs/project/x.py"));
    assertTrue(python.accepts("sphinx/environment/collectors/x.py"));
    assertTrue(python.accepts(".github/scripts/x.py"));
    assertTrue(python.accepts("pkg/env.py"));
    assertTrue(python.accepts("pkg/venv_tools.py"));
  }

  @Test
  void extensionsAreNormalizedSortedAndChecked() {
    CandidateFiles stubs = new CandidateFiles(List.of("pyi", ".py", ".pyi"));
    assertEquals(List.of(".py", ".pyi"), stubs.extensions());
    assertEquals("py+pyi", stubs.tag());
    assertTrue(stubs.accepts("pkg/module.pyi"));
    assertThrows(IllegalArgumentException.class, () -> new CandidateFiles(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new CandidateFiles(List.of("../x")));
    assertThrows(IllegalArgumentException.class, () -> new CandidateFiles(List.of("p y")));
  }
}
