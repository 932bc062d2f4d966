package cn.changai.jobs.cli;

import cn.changai.jobs.report.DisplayWidth;
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
    return DisplayWidth.cut(name, MAX_HEADER_WIDTH, 1);
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
    return DisplayWidth.of(text);
  }
}
