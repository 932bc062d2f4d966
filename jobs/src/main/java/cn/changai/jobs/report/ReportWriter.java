package cn.changai.jobs.report;

import cn.changai.indicators.score.AuditRow;
import cn.changai.jobs.threads.Futures;
import cn.changai.jobs.warehouse.LocalFastFileSystem;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Publishes one period's pages and workbook: writes them to {@code _staging/<run_id>/reports/<period>/},
 * then commits the workbook, {@code units/}, {@code quality.html} and {@code index.html} into
 * {@code reports/<period>/} through the warehouse's journal (at once, or with the nightly run's one
 * commit). Other files of that folder (the ranking exports) are left alone.
 */
final class ReportWriter {

  /** What the report owns in a period folder, in the order it is replaced (the index, the way in, last). */
  static final List<String> OWNED = List.of(ReportSite.UNITS, ReportSite.QUALITY, ReportSite.AUDIT, ReportSite.INDEX);

  private ReportWriter() {}

  static Path reports(Warehouse warehouse) {
    return new Path(warehouse.root(), "reports");
  }

  /** Renders the period's pages into its staging folder, then publishes them; returns the folder. */
  static Published publish(Warehouse warehouse, PeriodData data, History history, List<AuditRow> audit, int minBase,
      String runId)
      throws IOException {
    // Thousands of small pages: on a local disk they are written without .crc files and without
    // starting a chmod process for each (Hadoop's local file system lacks its native library here).
    FileSystem fs = LocalFastFileSystem.of(warehouse.root(), warehouse.fs().getConf());
    String period = data.period();
    Path staged = new Path(new Path(warehouse.staging(runId), "reports"), period);
    String workbook = PeriodWorkbook.fileName(period);
    List<String> owned = new ArrayList<>();
    owned.add(workbook);
    owned.addAll(OWNED);
    // Only what the report owns: in a nightly run the ranking files of the score stage wait in the
    // same folder for the run's commit.
    for (String name : owned) {
      fs.delete(new Path(staged, name), true);
    }
    Path target = new Path(reports(warehouse), period);
    // The workbook needs nothing from the pages: it is built on a thread of its own while they render
    // (Apache POI's first workbook of a run alone takes seconds), and written after them as before.
    ExecutorService beside = Executors.newSingleThreadExecutor(Futures.daemons("report-workbook"));
    try {
      Future<byte[]> workbookBytes = beside.submit(() -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeriodWorkbook.write(data, history.window(period), minBase, bytes);
        return bytes.toByteArray();
      });
      ReportSite.Counts counts = ReportSite.render(data, history, audit, minBase, scoringInputs(fs, staged, target),
          (path, html) -> {
        try (OutputStream out = fs.create(new Path(staged, path), true)) {
          out.write(html.getBytes(StandardCharsets.UTF_8));
        }
      });
      byte[] book = Futures.await(workbookBytes, "building the workbook");
      try (OutputStream out = fs.create(new Path(staged, workbook), true)) {
        out.write(book);
      }
      List<Warehouse.Move> moves = new ArrayList<>();
      for (String name : owned) {
        Path fresh = new Path(staged, name);
        moves.add(new Warehouse.Move(warehouse.relative(new Path(target, name)), warehouse.relative(fresh),
            fs.exists(fresh)));
      }
      warehouse.commit(runId, moves);
      return new Published(target, counts);
    } finally {
      // After a failure of the pages the workbook is not waited for: it finishes on its daemon thread
      // (not interrupted, so POI still deletes its temporary files) and is dropped.
      beside.shutdown();
    }
  }

  /**
   * The score job's normalised values for the index's what-if panel: this run's, waiting in the
   * staging folder for the nightly run's commit, or else the published ones; null when neither.
   */
  private static String scoringInputs(FileSystem fs, Path staged, Path target) throws IOException {
    for (Path folder : List.of(staged, target)) {
      Path file = new Path(folder, cn.changai.jobs.score.ScoringInputsReport.FILE);
      if (fs.exists(file)) {
        try (java.io.InputStream in = fs.open(file)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  /** Where a period's report went and how many scorecards it has. */
  record Published(Path folder, ReportSite.Counts counts) {}
}
