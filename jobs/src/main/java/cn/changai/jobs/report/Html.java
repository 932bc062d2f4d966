package cn.changai.jobs.report;

import cn.changai.jobs.ingest.SafeText;
import java.util.Locale;

/**
 * A tiny HTML builder in which every inserted text and attribute value is escaped: the only way to
 * put unescaped markup into a page is {@link #trusted}, used for this package's own CSS and script
 * constants. Names from a submission can therefore never become markup.
 */
final class Html {

  private final StringBuilder out = new StringBuilder(8192);

  /** Escapes {@code & < > " '} so a value is text in element content and in quoted attributes alike. */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    int first = firstSpecial(value);
    if (first < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length() + 16);
    appendEscaped(sb, value, first);
    return sb.toString();
  }

  /**
   * Appends {@code value} escaped as {@link #escape} does, straight into the page: no copy per text.
   * Combining marks beyond {@link SafeText#MAX_COMBINING_MARKS} a letter are dropped first, so that
   * no text from a submission (a name, a field or column name quoted in a finding) draws over the
   * rows around it.
   */
  private void appendEscaped(String text) {
    String value = SafeText.capCombiningMarks(text);
    int first = firstSpecial(value);
    if (first < 0) {
      out.append(value);
    } else {
      appendEscaped(out, value, first);
    }
  }

  /** Appends {@code value} escaped; {@code first} is the index of its first special character. */
  private static void appendEscaped(StringBuilder sb, String value, int first) {
    int start = 0;
    for (int i = first; i < value.length(); i++) {
      String replacement = replacement(value.charAt(i));
      if (replacement != null) {
        sb.append(value, start, i).append(replacement);
        start = i + 1;
      }
    }
    sb.append(value, start, value.length());
  }

  private static int firstSpecial(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (replacement(value.charAt(i)) != null) {
        return i;
      }
    }
    return -1;
  }

  private static String replacement(char c) {
    return switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      case '\'' -> "&#39;";
      default -> null;
    };
  }

  /** Opens an element; {@code attributes} are name, value pairs, a null value leaves the attribute out. */
  Html open(String tag, String... attributes) {
    out.append('<').append(name(tag));
    attributes(attributes);
    out.append('>');
    return this;
  }

  /** An element without content, such as {@code meta} or {@code br}, or a self-closed SVG element. */
  Html empty(String tag, String... attributes) {
    out.append('<').append(name(tag));
    attributes(attributes);
    out.append(isSvgShape(tag) ? "/>" : ">");
    return this;
  }

  Html close(String tag) {
    out.append("</").append(name(tag)).append('>');
    return this;
  }

  /** Escaped text; null becomes nothing. */
  Html text(Object value) {
    if (value != null) {
      appendEscaped(String.valueOf(value));
    }
    return this;
  }

  /**
   * A name from a submission (a unit's, a district's), escaped, in a {@code <bdi>}: the browser
   * lays it out apart from the text around it, so right-to-left letters in it (Arabic, Hebrew)
   * cannot carry a neighbouring number or code across it, and its own direction is taken from its
   * first letter. Null becomes nothing.
   */
  Html name(Object value) {
    return value == null ? this : el("bdi", value);
  }

  /** A link whose text is a name ({@link #name}). */
  Html nameLink(Object name, String href) {
    return open("a", "href", href).name(name).close("a");
  }

  /** An element holding one escaped text. */
  Html el(String tag, Object text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** A Chinese label with its English beside it, in a smaller grey span. */
  Html bilingual(String chinese, String english) {
    text(chinese);
    if (english != null && !english.isEmpty()) {
      out.append(' ');
      el("span", english, "class", "en");
    }
    return this;
  }

  /** Markup written by this package (CSS, script); never a value read from data. */
  Html trusted(String markup) {
    out.append(markup);
    return this;
  }

  Html newline() {
    out.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void attributes(String[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      String attribute = name(attributes[i]);
      String value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      // The name is ASCII letters, digits and '-' (checked above), so ignoring case here is exactly
      // comparing its lower case, without making a lower-case copy of every attribute name.
      if (attribute.regionMatches(true, 0, "on", 0, 2)) {
        throw new IllegalArgumentException("event-handler attributes are not allowed: " + attribute);
      }
      if ((attribute.equalsIgnoreCase("href") || attribute.equalsIgnoreCase("src"))
          && value.strip().toLowerCase(Locale.ROOT).startsWith("javascript:")) {
        throw new IllegalArgumentException("script URLs are not allowed");
      }
      out.append(' ').append(attribute).append("=\"");
      appendEscaped(value);
      out.append('"');
    }
  }

  private static boolean isSvgShape(String tag) {
    return switch (tag) {
      case "rect", "line", "circle", "path", "polyline" -> true;
      default -> false;
    };
  }

  /** The name if it is an element or attribute name ({@code [a-zA-Z][a-zA-Z0-9-]*}), checked by a loop: it runs for every element. */
  private static String name(String name) {
    if (!isName(name)) {
      throw new IllegalArgumentException("not an element or attribute name: " + name);
    }
    return name;
  }

  static boolean isName(String name) {
    if (name.isEmpty() || !isAsciiLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
