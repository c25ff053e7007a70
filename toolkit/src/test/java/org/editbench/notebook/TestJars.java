package org.editbench.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles one-class libraries for tests that put classes on a session's class path. */
final class TestJars {
  private TestJars() {}

  /** A directory of compiled classes holding {@code pkg.name} with {@code body} as its members. */
  static Path classesDir(Path dir, String pkg, String name, String body) throws IOException {
    Path sources = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-src").resolve(pkg));
    Path source = sources.resolve(name + ".java");
    Files.writeString(source, "package " + pkg + ";\npublic class " + name + " {\n" + body + "\n}\n");
    Files.createDirectories(dir);
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString());
    if (status != 0) {
      throw new IllegalStateException("compiling the test class failed");
    }
    return dir;
  }

  /** A jar in {@code dir} holding the compiled {@code pkg.name}. */
  static Path jarWithClass(Path dir, String pkg, String name, String body) throws IOException {
    Path classes = classesDir(dir.resolveSibling(dir.getFileName() + "-classes"), pkg, name, body);
    Files.createDirectories(dir);
    Path jar = dir.resolve(name.toLowerCase() + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
