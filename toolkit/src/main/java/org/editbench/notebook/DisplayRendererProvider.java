package org.editbench.notebook;

/**
 * A service (META-INF/services) that adds renderers for its own types to every {@link
 * DisplayRenderers#standard()} registry: how a chart package makes its charts display as PNG.
 */
public interface DisplayRendererProvider {
  void registerTo(DisplayRenderers renderers);
}
