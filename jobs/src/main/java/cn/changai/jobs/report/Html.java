package cn.changai.jobs.report;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tiny HTML builder in which every inserted text and attribute value is escaped: the only way to
 * put unescaped markup into a page is {@link #trusted}, used for this package's own CSS and script
 * constants. Names from a submission can therefore never become markup.
 */
final class Html {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*");

  private final StringBuilder out = new StringBuilder(8192);

  /** Escapes {@code & < > " '} so a value is text in element content and in quoted attributes alike. */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (replacement != null && sb == null) {
        sb = new StringBuilder(value.length() + 16).append(value, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? value : sb.toString();
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
      out.append(escape(String.valueOf(value)));
    }
    return this;
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
      String lower = attribute.toLowerCase(Locale.ROOT);
      if (lower.startsWith("on")) {
        throw new IllegalArgumentException("event-handler attributes are not allowed: " + attribute);
      }
      if ((lower.equals("href") || lower.equals("src"))
          && value.strip().toLowerCase(Locale.ROOT).startsWith("javascript:")) {
        throw new IllegalArgumentException("script URLs are not allowed");
      }
      out.append(' ').append(attribute).append("=\"").append(escape(value)).append('"');
    }
  }

  private static boolean isSvgShape(String tag) {
    return switch (tag) {
      case "rect", "line", "circle", "path", "polyline" -> true;
      default -> false;
    };
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an element or attribute name: " + name);
    }
    return name;
  }
}
