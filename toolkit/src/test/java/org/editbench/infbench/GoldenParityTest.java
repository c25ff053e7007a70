package org.editbench.infbench;

import java.nio.file.Path;
import org.editbench.FullCorpus;
import org.editbench.SharedCorpus;

/** The backbone of trust: golden parity over all 416 instances of the shared corpus. */
@FullCorpus
class GoldenParityTest extends GoldenParityCheck {
  @Override
  Path corpus() {
    return SharedCorpus.root();
  }

  @Override
  int instances() {
    return 416;
  }
}
