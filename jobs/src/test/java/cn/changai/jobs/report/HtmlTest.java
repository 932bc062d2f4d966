package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Escaping of the HTML builder. */
class HtmlTest {

  @Test
  void escapesTheFiveSpecialCharacters() {
    assertThat(Html.escape("<b>&\"公司'")).isEqualTo("&lt;b&gt;&amp;&quot;公司&#39;");
    assertThat(Html.escape("上海申康")).isEqualTo("上海申康");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void textAndAttributesAreEscaped() {
    String html = new Html().open("a", "href", "x.html\" onmouseover=\"alert(1)", "title", "<b>&\"公司")
        .text("<b>&\"公司").close("a").toString();
    assertThat(html).isEqualTo("<a href=\"x.html&quot; onmouseover=&quot;alert(1)\" title=\"&lt;b&gt;&amp;&quot;公司\">"
        + "&lt;b&gt;&amp;&quot;公司</a>");
  }

  @Test
  void refusesEventHandlersScriptUrlsAndBadNames() {
    assertThatThrownBy(() -> new Html().open("a", "onclick", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("a", "href", " JavaScript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("a><script")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oddIdsNeverLeaveTheUnitsFolder() {
    assertThat(UnitLink.of("enterprise", "91310000BP0J7HHQ27", "x").fileName()).isEqualTo("91310000BP0J7HHQ27.html");
    assertThat(UnitLink.of("group", "91310000BP0J7HHQ27", "x").fileName()).isEqualTo("91310000BP0J7HHQ27-group.html");
    String odd = UnitLink.of("enterprise", "../../<b>", "x").fileName();
    assertThat(odd).matches("x-[0-9a-f]{24}\\.html");
  }
}
