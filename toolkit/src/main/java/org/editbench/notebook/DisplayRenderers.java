package org.editbench.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.imageio.ImageIO;
import tech.tablesaw.api.Table;

/**
 * Turns a value into a {@link MimeBundle} by the renderer registered for its type: the nearest
 * class up the hierarchy first, then its interfaces; plain text for everything else.
 *
 * <p>Other packages add renderers (a chart type, say) through a {@link DisplayRendererProvider}
 * service, so this registry needs no edit when they come.
 */
public final class DisplayRenderers {
  private final Map<Class<?>, Function<Object, MimeBundle>> byType = new ConcurrentHashMap<>();

  /**
   * The standard renderers plus those of every {@link DisplayRendererProvider} on the class path.
   */
  public static DisplayRenderers standard() {
    DisplayRenderers renderers = new DisplayRenderers();
    renderers.register(MimeBundle.class, bundle -> bundle);
    renderers.register(Table.class, TableRendering::render);
    renderers.register(RenderedImage.class, DisplayRenderers::png);
    PredictionRendering.registerTo(renderers);
    StageResultRendering.registerTo(renderers);
    ServiceLoader.load(DisplayRendererProvider.class)
        .forEach(provider -> provider.registerTo(renderers));
    return renderers;
  }

  /**
   * Renders values of {@code type} (and its subtypes, unless they have their own) with {@code
   * renderer}, which may decline a value by returning null: the next nearest renderer is asked
   * then, and without one the value is shown as text.
   */
  public <T> DisplayRenderers register(Class<T> type, Function<? super T, MimeBundle> renderer) {
    byType.put(type, value -> renderer.apply(type.cast(value)));
    return this;
  }

  /**
   * Whether rendering {@code value} runs only the JDK's code: null, or a string, boolean, character
   * or JDK number that no renderer was registered for (a cell's renderer, a value's own {@code
   * toString} may never return).
   */
  boolean runsNoCellCode(Object value) {
    if (value == null) {
      return true;
    }
    boolean jdkValue =
        value instanceof String
            || value instanceof Boolean
            || value instanceof Character
            || (value instanceof Number && value.getClass().getClassLoader() == null);
    return jdkValue && renderersFor(value.getClass()).isEmpty();
  }

  public MimeBundle render(Object value) {
    if (value == null) {
      return MimeBundle.text("null");
    }
    for (Function<Object, MimeBundle> renderer : renderersFor(value.getClass())) {
      MimeBundle rendered = renderer.apply(value);
      if (rendered != null) {
        return rendered;
      }
    }
    if (value.getClass().isArray()) {
      // deepToString handles primitive arrays only as elements of an Object[]: unwrap the outer
      // brackets.
      String wrapped = Arrays.deepToString(new Object[] {value});
      return MimeBundle.text(capped(wrapped.substring(1, wrapped.length() - 1)));
    }
    return MimeBundle.text(capped(CellErrors.withoutWrapperNames(String.valueOf(value))));
  }

  /**
   * Values shown as text are cut at this many characters, as tables are at 50 rows: a list of a
   * million numbers was 8 MB in one message, more than a browser shows or a notebook should keep.
   */
  static final int MAX_TEXT_CHARS = 100_000;

  private static String capped(String text) {
    if (text.length() <= MAX_TEXT_CHARS) {
      return text;
    }
    return text.substring(0, MAX_TEXT_CHARS)
        + "\n… ("
        + (text.length() - MAX_TEXT_CHARS)
        + " more characters not shown; print the value to see all of it)";
  }

  /**
   * The renderers registered for {@code type}'s classes and interfaces, nearest first: the next is
   * asked when one declines.
   */
  private List<Function<Object, MimeBundle>> renderersFor(Class<?> type) {
    List<Function<Object, MimeBundle>> renderers = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Function<Object, MimeBundle> renderer = byType.get(c);
      if (renderer != null) {
        renderers.add(renderer);
      }
    }
    // Interfaces breadth first, nearest to the value's class first.
    Deque<Class<?>> queue = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      queue.addAll(Arrays.asList(c.getInterfaces()));
    }
    while (!queue.isEmpty()) {
      Class<?> candidate = queue.removeFirst();
      if (!seen.add(candidate)) {
        continue;
      }
      Function<Object, MimeBundle> renderer = byType.get(candidate);
      if (renderer != null) {
        renderers.add(renderer);
      }
      queue.addAll(Arrays.asList(candidate.getInterfaces()));
    }
    return renderers;
  }

  /** An image (a chart drawn to a BufferedImage, say) as PNG, with its size as the text form. */
  static MimeBundle png(RenderedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(MimeBundle.PNG, Base64.getEncoder().encodeToString(bytes.toByteArray()));
    data.put(MimeBundle.TEXT, "<image " + image.getWidth() + "x" + image.getHeight() + ">");
    return MimeBundle.of(data);
  }
}
