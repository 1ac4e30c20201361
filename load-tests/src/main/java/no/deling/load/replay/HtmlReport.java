package no.deling.load.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Writes a replay report as one self-contained HTML page (inline SVG, no scripts, nothing fetched):
 * the summary table, latency over time, throughput and server CPU over time, and the latency
 * percentile distribution.
 */
public final class HtmlReport {
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

  record Series(String name, double[] xs, double[] ys) {}

  private HtmlReport() {}

  public static void write(List<ReplayReport> reports, Path file) throws IOException {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Deling replay report</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}pre{background:#f6f6f6;padding:1em;overflow:auto}")
        .append("svg{background:#fff;border:1px solid #ddd;margin:.5em 0}h2{margin-top:2em}</style></head><body>")
        .append("<h1>Deling replay report</h1>");
    for (ReplayReport r : reports) {
      html.append("<h2>").append(escape(r.title())).append("</h2><pre>").append(escape(r.table())).append("</pre>");
      List<ReplayReport.Second> t = r.timeline();
      double[] x = t.stream().mapToDouble(ReplayReport.Second::second).toArray();
      int warm = (int) t.stream().filter(ReplayReport.Second::warmup).count();
      html.append(chart("Latency over time (ms; shaded: warm-up)", "second", "ms", false, warm, List.of(
          new Series("commands p50", x, t.stream().mapToDouble(ReplayReport.Second::commandP50Ms).toArray()),
          new Series("commands p99", x, t.stream().mapToDouble(ReplayReport.Second::commandP99Ms).toArray()),
          new Series("deliveries p50", x, t.stream().mapToDouble(ReplayReport.Second::deliveryP50Ms).toArray()),
          new Series("deliveries p99", x, t.stream().mapToDouble(ReplayReport.Second::deliveryP99Ms).toArray()))));
      List<Series> rates = new ArrayList<>();
      rates.add(new Series("commands/s", x, t.stream().mapToDouble(ReplayReport.Second::commands).toArray()));
      rates.add(new Series("deliveries/s", x, t.stream().mapToDouble(ReplayReport.Second::deliveries).toArray()));
      html.append(chart("Throughput over time (per second, measured only)", "second", "per second", false, warm, rates));
      if (t.stream().anyMatch(s -> s.serverCpu() != null)) {
        html.append(chart("Server CPU (% of the machine) and heap (MB)", "second", "", false, warm, List.of(
            new Series("CPU %", x, t.stream().mapToDouble(s -> s.serverCpu() == null ? 0 : 100 * s.serverCpu()).toArray()),
            new Series("heap MB", x, t.stream().mapToDouble(s -> s.serverHeapMb() == null ? 0 : s.serverHeapMb()).toArray()))));
      }
      html.append(chart("Latency by percentile (ms)", "percentile", "ms", true, 0, List.of(
          percentiles("commands", r.commandLatency()), percentiles("deliveries", r.deliveryLatency()))));
    }
    html.append("</body></html>\n");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }

  /** x = log10(1 / (1 - percentile)), so 90, 99, 99.9 are evenly spaced. */
  private static Series percentiles(String name, Histogram h) {
    List<double[]> points = new ArrayList<>();
    if (h.getTotalCount() > 0) {
      for (HistogramIterationValue v : h.percentiles(5)) {
        double p = v.getPercentileLevelIteratedTo() / 100.0;
        if (p >= 1) break;
        points.add(new double[] {Math.log10(1 / (1 - p)), v.getValueIteratedTo() / 1000.0});
      }
      points.add(new double[] {Math.log10(1 / (1 - 0.99999)), h.getMaxValue() / 1000.0});
    }
    return new Series(name, points.stream().mapToDouble(a -> a[0]).toArray(), points.stream().mapToDouble(a -> a[1]).toArray());
  }

  static String chart(String title, String xLabel, String yLabel, boolean percentileAxis, int warmupSeconds, List<Series> series) {
    int w = 1000;
    int h = 300;
    int left = 60;
    int right = 160;
    int top = 30;
    int bottom = 40;
    double maxX = 1e-9;
    double maxY = 1e-9;
    double minX = Double.MAX_VALUE;
    for (Series s : series) {
      for (double v : s.xs()) {
        maxX = Math.max(maxX, v);
        minX = Math.min(minX, v);
      }
      for (double v : s.ys()) maxY = Math.max(maxY, v);
    }
    if (minX == Double.MAX_VALUE) minX = 0;
    if (percentileAxis) {
      minX = 0;
      maxX = 5;
    }
    maxY = niceCeiling(maxY);
    double fx = (w - left - right) / Math.max(1e-9, maxX - minX);
    double fy = (h - top - bottom) / maxY;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format("<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">", w, h, w, h));
    svg.append(String.format("<text x=\"%d\" y=\"18\" font-weight=\"bold\">%s</text>", left, escape(title)));
    if (warmupSeconds > 0 && !percentileAxis) {
      svg.append(String.format("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eee\"/>", left + 0.0, top,
          Math.max(0, (warmupSeconds + 0.5 - minX) * fx), h - top - bottom));
    }
    // axes and grid
    for (int i = 0; i <= 4; i++) {
      double v = maxY * i / 4;
      double y = h - bottom - v * fy;
      svg.append(String.format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, y, w - right, y));
      svg.append(String.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 5, y + 4, format(v)));
    }
    if (percentileAxis) {
      String[] labels = {"0", "90", "99", "99.9", "99.99", "max"};
      for (int i = 0; i <= 5; i++) {
        double x = left + i * fx;
        svg.append(String.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, h - bottom + 16, labels[i]));
      }
    } else {
      int step = Math.max(1, (int) Math.ceil((maxX - minX) / 10));
      for (int s = (int) Math.ceil(minX); s <= maxX; s += step) {
        svg.append(String.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>", left + (s - minX) * fx, h - bottom + 16, s));
      }
    }
    svg.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", (w - right + left) / 2, h - 5, escape(xLabel)));
    svg.append(String.format("<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>", h / 2, h / 2, escape(yLabel)));
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String color = COLORS[k % COLORS.length];
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < s.xs().length; i++) {
        points.append(String.format("%.1f,%.1f ", left + (s.xs()[i] - minX) * fx, h - bottom - s.ys()[i] * fy));
      }
      svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" points=\"%s\"/>", color, points.toString().trim()));
      svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
          w - right + 10, top + 10 + k * 18, color, w - right + 28, top + 15 + k * 18, escape(s.name())));
    }
    return svg.append("</svg>").toString();
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * magnitude >= v) return m * magnitude;
    return 10 * magnitude;
  }

  private static String format(double v) {
    return v >= 100 ? String.format("%,.0f", v) : v >= 1 ? String.format("%.1f", v) : String.format("%.2f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
