package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayRenderersTest {
  /** Registered by this test's META-INF/services, as a chart package would register its charts. */
  public static final class Gauge {
    final int level;

    Gauge(int level) {
      this.level = level;
    }
  }

  public static final class GaugeRenderers implements DisplayRendererProvider {
    @Override
    public void registerTo(DisplayRenderers renderers) {
      renderers.register(
          Gauge.class,
          gauge ->
              MimeBundle.of(
                  Map.of("image/svg+xml", "<svg/>", MimeBundle.TEXT, "gauge " + gauge.level)));
    }
  }

  @Test
  void onlyJdkValuesWithoutARegisteredRendererAreSaidToRunNoCellCode() {
    DisplayRenderers standard = DisplayRenderers.standard();
    for (Object value :
        new Object[] {null, 2, 2.5, "text", true, 'c', new java.math.BigDecimal(1)}) {
      assertTrue(standard.runsNoCellCode(value), String.valueOf(value));
    }
    // Elements' toString, a cell's class, a renderer a cell registered: cell code, maybe slow.
    for (Object value : new Object[] {List.of(1), new Gauge(3), new int[] {1}}) {
      assertFalse(standard.runsNoCellCode(value), String.valueOf(value));
    }
    DisplayRenderers withOwn =
        new DisplayRenderers().register(Integer.class, n -> MimeBundle.text("#" + n));
    assertFalse(withOwn.runsNoCellCode(2));
  }

  @Test
  void providersOnTheClassPathAddTheirRenderers() {
    MimeBundle bundle = DisplayRenderers.standard().render(new Gauge(3));
    assertEquals("gauge 3", bundle.text());
    assertTrue(bundle.data().containsKey("image/svg+xml"));
  }

  @Test
  void theNearestRegisteredTypeWinsClassesBeforeInterfaces() {
    DisplayRenderers renderers =
        new DisplayRenderers()
            .register(Object.class, value -> MimeBundle.text("object"))
            .register(CharSequence.class, value -> MimeBundle.text("chars"))
            .register(List.class, value -> MimeBundle.text("list"));
    assertEquals(
        "object",
        renderers.render("text").text(),
        "String's superclass Object comes before its interfaces");
    assertEquals(
        "list",
        new DisplayRenderers()
            .register(List.class, value -> MimeBundle.text("list"))
            .render(List.of(1))
            .text());
    assertEquals(
        "chars",
        new DisplayRenderers()
            .register(CharSequence.class, value -> MimeBundle.text("chars"))
            .render(new StringBuilder("x"))
            .text());
  }

  @Test
  void unregisteredValuesAreTheirTextAndNullIsNull() {
    assertEquals("[a, b]", new DisplayRenderers().render(List.of("a", "b")).text());
    assertEquals("null", new DisplayRenderers().render(null).text());
    assertEquals("[[1, 2], [3]]", new DisplayRenderers().render(new int[][] {{1, 2}, {3}}).text());
  }

  @Test
  void longTextIsCutWithANoteOfWhatIsLeftOut() {
    List<Integer> million = java.util.stream.IntStream.range(0, 1_000_000).boxed().toList();
    String full = million.toString();
    String shown = new DisplayRenderers().render(million).text();
    assertEquals(
        full.substring(0, DisplayRenderers.MAX_TEXT_CHARS)
            + "\n… ("
            + (full.length() - DisplayRenderers.MAX_TEXT_CHARS)
            + " more characters not shown; print the value to see all of it)",
        shown);
    String exactlyAtTheLimit = "x".repeat(DisplayRenderers.MAX_TEXT_CHARS);
    assertEquals(exactlyAtTheLimit, new DisplayRenderers().render(exactlyAtTheLimit).text());
    assertTrue(new DisplayRenderers().render(new long[200_000]).text().contains("more characters"));
  }

  @Test
  void aTableIsAnEscapedHtmlTableCutAfterFiftyRows() {
    Table table =
        Table.create(
            "t<1>",
            IntColumn.create("n", java.util.stream.IntStream.range(0, 60).toArray()),
            StringColumn.create(
                "s",
                java.util.stream.IntStream.range(0, 60)
                    .mapToObj(i -> i == 0 ? "<b>&" : "x")
                    .toArray(String[]::new)));
    MimeBundle bundle = DisplayRenderers.standard().render(table);
    String html = (String) bundle.data().get(MimeBundle.HTML);
    assertTrue(html.contains(">t&lt;1&gt;</caption>"), html);
    assertTrue(html.contains(">&lt;b&gt;&amp;</td>"), html);
    assertTrue(html.contains(">49</td>") && !html.contains(">50</td>"), html);
    assertTrue(html.contains("50 of 60 rows shown"), html);
    assertTrue(bundle.text().contains("t<1>"), bundle.text());
  }
}
