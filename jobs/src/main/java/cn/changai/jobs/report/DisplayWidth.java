package cn.changai.jobs.report;

/**
 * How wide a text is set, in half-width columns: East Asian wide and full-width characters take
 * two (a terminal's cells, a Chinese font's em). Used to align the console's tables and to cut a
 * text that must fit a width, with a mark.
 */
public final class DisplayWidth {

  private DisplayWidth() {}

  /** The columns a text takes. */
  public static int of(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += of(cp);
      i += Character.charCount(cp);
    }
    return width;
  }

  /** Two for an East Asian wide or full-width character, else one. */
  public static int of(int cp) {
    boolean wide = (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0x303E)
        || (cp >= 0x3041 && cp <= 0x33FF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xA000 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
  }

  /**
   * The text if it fits {@code max} columns; else as much of it as leaves {@code markWidth}
   * columns for "…", and the mark. No character is split.
   */
  public static String cut(String text, int max, int markWidth) {
    if (of(text) <= max) {
      return text;
    }
    StringBuilder kept = new StringBuilder();
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (width + of(cp) > max - markWidth) {
        break;
      }
      kept.appendCodePoint(cp);
      width += of(cp);
      i += Character.charCount(cp);
    }
    return kept.append('…').toString();
  }
}
