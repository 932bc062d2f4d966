package cn.changai.jobs.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminals, aligned by display width (a Chinese character takes two columns). */
final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * The widest a column's name is shown, in terminal columns. An unnamed expression is named by
   * its text: a query's 100 KB literal was printed again as its column's name.
   */
  static final int MAX_HEADER_WIDTH = 64;

  TextTable(List<String> header) {
    this.header = header.stream().map(TextTable::cut).toList();
  }

  /** A column name of at most {@link #MAX_HEADER_WIDTH} columns: cut with "…" when longer. */
  static String cut(String name) {
    if (width(name) <= MAX_HEADER_WIDTH) {
      return name;
    }
    StringBuilder kept = new StringBuilder();
    int width = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int w = isWide(cp) ? 2 : 1;
      if (width + w > MAX_HEADER_WIDTH - 1) {
        break;
      }
      kept.appendCodePoint(cp);
      width += w;
      i += Character.charCount(cp);
    }
    return kept.append('…').toString();
  }

  TextTable add(List<String> row) {
    if (row.size() != header.size()) {
      throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of " + header.size() + " columns");
    }
    rows.add(List.copyOf(row));
    return this;
  }

  /** The table: header, a rule, the rows; columns separated by two spaces, no trailing blanks. */
  String render() {
    int[] widths = new int[header.size()];
    for (List<String> row : allRows()) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], width(row.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(out, rule, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private List<List<String>> allRows() {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - width(cell) + 2));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** The number of terminal columns a text takes: East Asian wide and full-width characters take two. */
  static int width(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return width;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
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
  }
}
