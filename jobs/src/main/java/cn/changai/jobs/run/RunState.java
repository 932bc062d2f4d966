package cn.changai.jobs.run;

import cn.changai.jobs.ingest.SafeText;
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
 * catalogue and weights versions and the minimum base it computed with (null in a state written
 * before it was kept: taken as unchanged). The next run compares against it to find the
 * periods that changed, without starting Spark.
 */
public record RunState(
    String runId,
    String catalogueVersion,
    String weightsVersion,
    Integer minBase,
    Map<String, String> periods,
    Map<String, InboxDigest.FilePrint> files) {

  /**
   * Reads and writes the state. Field names are neither canonicalised nor interned: the state's
   * file prints are keyed by path, each name met once, so a symbol table of every path only cost
   * time (half the read of a 36 MB state for 50,000 submissions).
   */
  private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .disable(com.fasterxml.jackson.core.JsonFactory.Feature.INTERN_FIELD_NAMES)
      .build()).enable(SerializationFeature.INDENT_OUTPUT);

  public static final RunState NONE = new RunState(null, null, null, null, Map.of(), Map.of());

  private static Path path(Warehouse warehouse) {
    return new Path(warehouse.runs(), "state.json");
  }

  /** The min base a state holds after compute run alone rewrote periods with another: none the run uses. */
  public static final int MIXED_MIN_BASE = 0;

  /** The weights as a state records them: version and content hash, so that any edit counts. */
  public static String weightsVersion(cn.changai.indicators.score.Weights weights) {
    return weights.version() + "@" + weights.sha256().substring(0, 12);
  }

  /**
   * Records that {@code compute}, run alone with this base, rewrote periods: if the base differs
   * from the last nightly run's, the next nightly run computes every period again with its own,
   * so that no two periods are compared having been computed two ways. Nothing without a state.
   */
  public static void computedAlone(Warehouse warehouse, String runId, int minBase) throws IOException {
    RunState state = read(warehouse);
    if (state.runId() != null && state.minBase() != null && state.minBase() != minBase) {
      new RunState(runId, state.catalogueVersion(), state.weightsVersion(), MIXED_MIN_BASE, state.periods(),
          state.files()).write(warehouse);
    }
  }

  /** What the state holds for weights once {@code score}, run alone, scored otherwise, before that run's id. */
  static final String SCORED_ALONE = "scored otherwise by run ";

  /**
   * Records that {@code score}, run alone, rescored periods; unless it scored as the last nightly
   * run did ({@code asTheRun}: its weights, normalisation, draws and seed), the next nightly run
   * scores every period again.
   */
  public static void scoredAlone(Warehouse warehouse, String runId, boolean asTheRun) throws IOException {
    RunState state = read(warehouse);
    if (state.runId() != null && !asTheRun) {
      new RunState(runId, state.catalogueVersion(), SCORED_ALONE + runId, state.minBase(), state.periods(),
          state.files()).write(warehouse);
    }
  }

  /** Whether a state was written, readable or not (a cut or emptied one reads as {@link #NONE}). */
  static boolean written(Warehouse warehouse) throws IOException {
    return warehouse.fs().exists(path(warehouse));
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

  /**
   * The periods whose digest differs from this state's, and those with a file not hashed
   * ({@link InboxDigest#CHANGED}); {@code now} by the inbox's own names.
   */
  public java.util.SortedSet<String> changedPeriods(Map<String, String> now) {
    Map<String, String> kept = kept(now);
    java.util.SortedSet<String> changed = new java.util.TreeSet<>();
    now.forEach((period, digest) -> {
      String stored = kept.get(SafeText.name(period));
      if (stored.equals(InboxDigest.CHANGED) || !stored.equals(periods.get(SafeText.name(period)))) {
        changed.add(period);
      }
    });
    return changed;
  }

  public RunState withPeriods(String id, String catalogue, String weights, int minBase, Map<String, String> digests,
      Map<String, InboxDigest.FilePrint> prints) {
    Map<String, String> merged = new TreeMap<>();
    // A state written before names were masked may hold one unmasked: it is not carried over.
    periods.forEach((name, digest) -> {
      if (SafeText.name(name).equals(name)) {
        merged.put(name, digest);
      }
    });
    merged.putAll(kept(digests));
    Map<String, InboxDigest.FilePrint> files = new TreeMap<>();
    // A file under a name holding personal data is not kept: the plan hashes it every night instead.
    Map<String, Boolean> shownAsIs = new java.util.HashMap<>();
    prints.forEach((path, print) -> {
      if (shownAsIs(path, shownAsIs)) {
        files.put(path, print);
      }
    });
    return new RunState(id, catalogue, weights, minBase, merged, files);
  }

  /**
   * Whether {@link SafeText#path} shows a path as it is: exactly when {@link SafeText#name} shows
   * each of its names as it is (a name shown otherwise holds no '/', so it cannot line up with the
   * path's). Names are looked up in {@code seen} first: 50,000 submissions' prints repeat ten
   * periods, three file names and each credit code a period.
   */
  static boolean shownAsIs(String path, Map<String, Boolean> seen) {
    int from = 0;
    while (true) {
      int slash = path.indexOf('/', from);
      String name = slash < 0 ? path.substring(from) : path.substring(from, slash);
      if (!seen.computeIfAbsent(name, n -> SafeText.name(n).equals(n))) {
        return false;
      }
      if (slash < 0) {
        return true;
      }
      from = slash + 1;
    }
  }

  /**
   * The digests as the state keeps them: under each top-level name as {@link SafeText#name} shows
   * it, so that a folder named with an identity or mobile number is not written out in the
   * warehouse; names masked alike share one digest, made from theirs in the order of their real
   * names (or {@link InboxDigest#CHANGED} if one of them is), so a change to any of them is seen.
   */
  static Map<String, String> kept(Map<String, String> digests) {
    Map<String, Map<String, String>> byKey = new TreeMap<>();
    digests.forEach((name, digest) -> byKey.computeIfAbsent(SafeText.name(name), k -> new TreeMap<>()).put(name, digest));
    Map<String, String> kept = new TreeMap<>();
    byKey.forEach((key, names) -> {
      if (names.size() == 1 && names.containsKey(key)) {
        kept.put(key, names.get(key));
      } else if (names.containsValue(InboxDigest.CHANGED)) {
        kept.put(key, InboxDigest.CHANGED);
      } else {
        kept.put(key, InboxDigest.sha256(String.join("\n", names.values()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    });
    return kept;
  }
}
