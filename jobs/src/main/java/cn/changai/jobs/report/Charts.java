package cn.changai.jobs.report;

import java.util.List;

/**
 * Inline SVG bar charts drawn by our code. Bars are laid out in percentages of the chart's width
 * and labels and values sit above their bar at a fixed font size, so a chart reads the same at 1280 px and on
 * a phone without scaling its text down.
 */
final class Charts {

  /** One bar: its labels, value (0..max), the value as text, a colour, and an optional median mark. */
  record Bar(String chinese, String english, double value, String valueText, String colour, Double marker) {}

  /** The share of the width a bar at the maximum takes. */
  private static final double SPAN = 100.0;
  private static final int ROW = 46;

  private Charts() {}

  static void bars(Html h, String ariaLabel, List<Bar> bars, double max) {
    int height = bars.size() * ROW + 4;
    h.open("div", "class", "chart");
    h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", "100%", "height", String.valueOf(height), "role", "img",
        "aria-label", ariaLabel);
    h.el("title", ariaLabel);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int top = i * ROW;
      double value = Math.max(0.0, Math.min(max, bar.value()));
      String width = pct(max <= 0 ? 0.0 : value / max * SPAN);
      h.open("text", "x", "0", "y", String.valueOf(top + 14)).text(bar.chinese());
      if (bar.english() != null && !bar.english().isEmpty()) {
        h.el("tspan", " " + bar.english(), "class", "en");
      }
      h.close("text");
      h.empty("rect", "class", "track", "x", "0", "y", String.valueOf(top + 20), "width", pct(SPAN), "height", "16",
          "rx", "3");
      h.empty("rect", "x", "0", "y", String.valueOf(top + 20), "width", width, "height", "16", "rx", "3", "fill",
          bar.colour());
      if (bar.marker() != null && Double.isFinite(bar.marker())) {
        String x = pct(Math.max(0.0, Math.min(max, bar.marker())) / max * SPAN);
        h.empty("line", "class", "median", "x1", x, "x2", x, "y1", String.valueOf(top + 17), "y2",
            String.valueOf(top + 39));
      }
      // The value stands right-aligned on the label's line, where no bar or median mark can cover it.
      h.open("text", "class", "val", "x", "100%", "y", String.valueOf(top + 14), "text-anchor", "end")
          .text(bar.valueText()).close("text");
    }
    h.close("svg").close("div").newline();
  }

  private static String pct(double percent) {
    return Decimals.fixed(percent, 2) + "%";
  }
}
