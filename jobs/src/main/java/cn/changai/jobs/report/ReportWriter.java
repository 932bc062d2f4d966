package cn.changai.jobs.report;

import cn.changai.jobs.warehouse.LocalFastFileSystem;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Publishes one period's pages and workbook: writes them to {@code _staging/<run_id>/reports/<period>/}, then
 * moves the workbook, {@code units/}, {@code quality.html} and {@code index.html} into {@code reports/<period>/}
 * by renames, the old ones to {@code _trash/<run_id>/} first. Other files of that folder (the
 * ranking exports) are left alone.
 */
final class ReportWriter {

  /** What the report owns in a period folder, in the order it is replaced (the index, the way in, last). */
  static final List<String> OWNED = List.of(ReportSite.UNITS, ReportSite.QUALITY, ReportSite.INDEX);

  private ReportWriter() {}

  static Path reports(Warehouse warehouse) {
    return new Path(warehouse.root(), "reports");
  }

  /** Renders the period's pages into its staging folder, then publishes them; returns the folder. */
  static Published publish(Warehouse warehouse, PeriodData data, int minBase, String runId) throws IOException {
    // Thousands of small pages: on a local disk they are written without .crc files and without
    // starting a chmod process for each (Hadoop's local file system lacks its native library here).
    FileSystem fs = LocalFastFileSystem.of(warehouse.root(), warehouse.fs().getConf());
    String period = data.period();
    Path staged = new Path(new Path(warehouse.staging(runId), "reports"), period);
    fs.delete(staged, true);
    Path target = new Path(reports(warehouse), period);
    // The score job's normalised values, for the index's what-if panel.
    Path inputs = new Path(target, cn.changai.jobs.score.ScoringInputsReport.FILE);
    String scoringInputs = null;
    if (fs.exists(inputs)) {
      try (java.io.InputStream in = fs.open(inputs)) {
        scoringInputs = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    ReportSite.Counts counts = ReportSite.render(data, minBase, scoringInputs, (path, html) -> {
      try (OutputStream out = fs.create(new Path(staged, path), true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    });
    String workbook = PeriodWorkbook.fileName(period);
    try (OutputStream out = fs.create(new Path(staged, workbook), true)) {
      PeriodWorkbook.write(data, minBase, out);
    }
    Path trash = new Path(new Path(new Path(new Path(warehouse.root(), "_trash"), runId), "reports"), period);
    fs.mkdirs(target);
    List<String> owned = new java.util.ArrayList<>();
    owned.add(workbook);
    owned.addAll(OWNED);
    for (String name : owned) {
      Path published = new Path(target, name);
      Path fresh = new Path(staged, name);
      if (fs.exists(published)) {
        fs.mkdirs(trash);
        rename(fs, published, new Path(trash, name));
      }
      if (fs.exists(fresh)) {
        rename(fs, fresh, published);
      }
    }
    return new Published(target, counts);
  }

  /** Where a period's report went and how many scorecards it has. */
  record Published(Path folder, ReportSite.Counts counts) {}

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }
}
