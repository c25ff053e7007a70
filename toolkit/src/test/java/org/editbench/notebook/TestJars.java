package org.editbench.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles one-class libraries for tests that put classes on a session's class path. */
final class TestJars {
  private TestJars() {}

  /** A directory of compiled classes holding {@code pkg.name} with {@code body} as its members. */
  static Path classesDir(Path dir, String pkg, String name, String body) throws IOException {
    return compiled(dir, pkg, name, "public class " + name + " {\n" + body + "\n}\n");
  }

  /** A jar in {@code dir} holding the compiled {@code pkg.name}. */
  static Path jarWithClass(Path dir, String pkg, String name, String body) throws IOException {
    return jar(
        dir,
        name,
        classesDir(dir.resolveSibling(dir.getFileName() + "-classes"), pkg, name, body),
        Map.of());
  }

  /**
   * A jar in {@code dir} holding {@code pkg.name} compiled from {@code declaration} (the class with
   * its header; the test's class path is the compiler's) and {@code resources} (path → text), such
   * as a META-INF/services file.
   */
  static Path jarWithSources(
      Path dir, String pkg, String name, String declaration, Map<String, String> resources)
      throws IOException {
    return jar(
        dir,
        name,
        compiled(dir.resolveSibling(dir.getFileName() + "-classes"), pkg, name, declaration),
        resources);
  }

  private static Path compiled(Path dir, String pkg, String name, String declaration)
      throws IOException {
    Path sources =
        Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-src").resolve(pkg));
    Path source = sources.resolve(name + ".java");
    Files.writeString(source, "package " + pkg + ";\n" + declaration);
    Files.createDirectories(dir);
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                dir.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.toString());
    if (status != 0) {
      throw new IllegalStateException("compiling the test class failed");
    }
    return dir;
  }

  private static Path jar(Path dir, String name, Path classes, Map<String, String> resources)
      throws IOException {
    Files.createDirectories(dir);
    Path jar = dir.resolve(name.toLowerCase() + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        out.putNextEntry(new JarEntry(resource.getKey()));
        out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
