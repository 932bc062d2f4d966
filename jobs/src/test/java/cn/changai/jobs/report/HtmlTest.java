package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
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
  void aNameIsEscapedInABdi() {
    assertThat(new Html().nameLink("<b>שלום 42", "x.html").text(" 91310000").toString())
        .isEqualTo("<a href=\"x.html\"><bdi>&lt;b&gt;שלום 42</bdi></a> 91310000");
    assertThat(new Html().name(null).toString()).isEmpty();
  }

  @Test
  void everyTextKeepsFourCombiningMarksALetter() {
    // 500 marks over Z ("Zalgo" text) were drawn over the rows above and below the name; a field
    // name an uploader chose is quoted in a finding's text and in a title.
    String zalgo = "Z" + "\u0300".repeat(500) + "<公司>";
    String capped = "Z" + "\u0300".repeat(4) + "&lt;公司&gt;";
    assertThat(new Html().name(zalgo).toString()).isEqualTo("<bdi>" + capped + "</bdi>");
    assertThat(new Html().el("td", "unknown field " + zalgo, "title", zalgo).toString())
        .isEqualTo("<td title=\"" + capped + "\">unknown field " + capped + "</td>");
  }

  @Test
  void refusesEventHandlersScriptUrlsAndBadNames() {
    assertThatThrownBy(() -> new Html().open("a", "onclick", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("a", "href", " JavaScript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("a><script")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void escapingReplacesEachSpecialCharacterAndNothingElse() {
    Random random = new Random(11L);
    String alphabet = "&<>\"'a1 公\u00e9\n";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder value = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String v = value.toString();
      String expected = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
          .replace("'", "&#39;");
      assertThat(Html.escape(v)).isEqualTo(expected);
      assertThat(new Html().el("b", v, "title", v).toString())
          .isEqualTo("<b title=\"" + expected + "\">" + expected + "</b>");
    }
  }

  @Test
  void namesAreCheckedAsTheRegularExpressionWould() {
    Pattern name = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*");
    List<String> names = new ArrayList<>(List.of("", "a", "Z", "0", "-", "a-", "a0", "data-unit", "aria-label", "é",
        "aé", "\u212A", "a b", "a_b", "a:b", "svg\n", "\uff41", "a\u0663"));
    for (char c = 0; c < 0x250; c++) {
      names.add(String.valueOf(c));
      names.add("a" + c);
      names.add(c + "a");
    }
    for (String n : names) {
      assertThat(Html.isName(n)).as("[%s]", n).isEqualTo(name.matcher(n).matches());
    }
    assertThatThrownBy(() -> new Html().open("a b")).hasMessage("not an element or attribute name: a b");
    assertThatThrownBy(() -> new Html().open("a", "ONCLICK", "x"))
        .hasMessage("event-handler attributes are not allowed: ONCLICK");
    assertThatThrownBy(() -> new Html().open("a", "HREF", "\tjavascript:x")).hasMessage("script URLs are not allowed");
  }

  @Test
  void oddIdsNeverLeaveTheUnitsFolder() {
    assertThat(UnitLink.of("enterprise", "91310000BP0J7HHQ27", "x").fileName()).isEqualTo("91310000BP0J7HHQ27.html");
    assertThat(UnitLink.of("group", "91310000BP0J7HHQ27", "x").fileName()).isEqualTo("91310000BP0J7HHQ27-group.html");
    String odd = UnitLink.of("enterprise", "../../<b>", "x").fileName();
    assertThat(odd).matches("x-[0-9a-f]{24}\\.html");
  }
}
