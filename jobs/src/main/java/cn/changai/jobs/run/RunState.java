package cn.changai.jobs.run;

import cn.changai.jobs.warehouse.Warehouse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.slf4j.LoggerFactory;

/**
 * What the last successful nightly run saw: the inbox's period digests and file prints, and the
 * catalogue and weights versions it computed with. The next run compares against it to find the
 * periods that changed, without starting Spark.
 */
public record RunState(
    String runId,
    String catalogueVersion,
    String weightsVersion,
    Map<String, String> periods,
    Map<String, InboxDigest.FilePrint> files) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static final RunState NONE = new RunState(null, null, null, Map.of(), Map.of());

  private static Path path(Warehouse warehouse) {
    return new Path(warehouse.runs(), "state.json");
  }

  /** The state of the last successful run, or {@link #NONE}. */
  public static RunState read(Warehouse warehouse) throws IOException {
    Path path = path(warehouse);
    if (!warehouse.fs().exists(path)) {
      return NONE;
    }
    try (InputStream in = warehouse.fs().open(path)) {
      return JSON.readValue(in, RunState.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      // Forgetting the state only makes this run redo every period: safe, and it heals the file.
      LoggerFactory.getLogger(RunState.class).warn("Ignoring {}: it is {}; every period of the inbox is planned again",
          path, warehouse.fs().getFileStatus(path).getLen() == 0 ? "empty" : "cut or unreadable (" + e.getOriginalMessage() + ")");
      return NONE;
    }
  }

  /**
   * Writes the state in the run's staging folder and commits it over the old one: at once, or with
   * the rest of the run's results when the warehouse holds its commits.
   */
  public void write(Warehouse warehouse) throws IOException {
    Path fresh = new Path(warehouse.staging(runId), "state.json");
    try (OutputStream out = warehouse.fs().create(fresh, true)) {
      JSON.writeValue(out, this);
    }
    warehouse.commit(runId + "-state",
        java.util.List.of(new Warehouse.Move(warehouse.relative(path(warehouse)), warehouse.relative(fresh), true)));
    warehouse.cleanUp(runId);
  }

  /** The periods whose digest differs from this state's, and those with a file not hashed ({@link InboxDigest#CHANGED}). */
  public java.util.SortedSet<String> changedPeriods(Map<String, String> now) {
    java.util.SortedSet<String> changed = new java.util.TreeSet<>();
    now.forEach((period, digest) -> {
      if (digest.equals(InboxDigest.CHANGED) || !digest.equals(periods.get(period))) {
        changed.add(period);
      }
    });
    return changed;
  }

  public RunState withPeriods(String id, String catalogue, String weights, Map<String, String> digests,
      Map<String, InboxDigest.FilePrint> prints) {
    Map<String, String> merged = new TreeMap<>(periods);
    merged.putAll(digests);
    return new RunState(id, catalogue, weights, merged, new TreeMap<>(prints));
  }
}
