package cn.changai.jobs.cli;

import cn.changai.indicators.score.Normalisation;
import cn.changai.indicators.score.OutlierTreatment;
import cn.changai.indicators.score.Screening;
import cn.changai.indicators.score.Sensitivity;
import cn.changai.indicators.score.Weights;
import cn.changai.jobs.run.RunRecords;
import cn.changai.jobs.run.RunState;
import cn.changai.jobs.score.ScoreInputs;
import cn.changai.jobs.score.ScoreJob;
import cn.changai.jobs.score.ScoreResult;
import cn.changai.jobs.score.ScoreSettings;
import cn.changai.jobs.score.ScoreTables;
import cn.changai.jobs.spark.SparkOptions;
import cn.changai.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code changai score}: scores and ranks the units of the indicator values, with ranking reports. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Score and rank groups and enterprises; write the rankings.",
    description = {
      "Score and rank groups among groups, and enterprises among all enterprises",
      "and within their industry, from <warehouse>/tables/indicator_values.",
      "Publishes the table scores (partitioned by period) and the reports",
      "ranking.csv, ranking.md and ranking.json under <warehouse>/reports/<period>/.",
      "Each level (all groups, all enterprises) is normalised once, so a unit has one",
      "score wherever it is ranked; a unit with usable values for fewer than two",
      "thirds of the indicators is listed unranked with the reason. Each rank comes",
      "with its 5th-95th percentile interval over random weightings and a pass with",
      "the other normalisation, and its change since the previous period of the",
      "same kind with data. Also publishes the table audit (indicator statistics,",
      "correlations, Cronbach's alpha, variance-based sensitivity). docs/scoring.md",
      "explains the method.",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  done",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "     (nothing read or written)",
      HelpText.EXIT_4,
      HelpText.EXIT_SIGNAL,
      "",
      "Example (the default weights, a copy of which is the place to start your own):",
      "  changai score --warehouse out --period 2025 --seed 7 \\",
      "      --weights indicators/src/main/resources/weights-default.yaml"
    })
final class ScoreCommand implements Callable<Integer> {

  /** More draws than this only costs memory and time; the intervals do not get better. */
  static final int MAX_DRAWS = 100_000;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse folder.")
  String warehouse;

  @Option(names = "--period", paramLabel = "P",
      description = {"Only this period (repeatable, or comma-separated);", "default every period with indicator values."})
  List<String> periods = new ArrayList<>();

  @Option(names = "--weights", paramLabel = "FILE",
      description = {"Weights file, JSON (.json) or YAML; default the", "shipped equal weights (weights-default.yaml)."})
  String weights;

  @Option(names = "--normalise", paramLabel = "METHOD", defaultValue = "minmax",
      description = "minmax (default) or zscore.")
  String normalise;

  @Option(names = "--draws", paramLabel = "N", defaultValue = "" + Sensitivity.DEFAULT_DRAWS,
      description = {"Random weightings for the rank intervals (default", "${DEFAULT-VALUE}; 0: no intervals)."})
  int draws;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Sensitivity.DEFAULT_SEED,
      description = {"Seed of the random weightings (default", "${DEFAULT-VALUE}); same seed and inputs, same", "intervals."})
  long seed;

  @Option(names = "--treat-outliers", paramLabel = "HOW",
      description = {"none or winsorise, before normalisation (default:", "the weights file's treat_outliers, else none)."})
  String treatOutliers;

  @Option(names = "--screening", paramLabel = "SHARE",
      description = {"Share of the indicators a unit needs usable values", "for to be ranked, 0 to 1 (default: the weights",
          "file's screening, else 2/3)."})
  Double screening;

  @Mixin SparkOptions sparkOptions;

  /** A weights file names each indicator and part once: a few KB; this bounds what is read. */
  static final long MAX_WEIGHTS_BYTES = 16L << 20;

  @Override
  public Integer call() throws Exception {
    Set<String> only = Arguments.periods("--period", periods);
    Arguments.warehouse(warehouse);
    Normalisation method = Normalisation.of(normalise).orElseThrow(() ->
        new UsageError("Invalid value for --normalise: '" + normalise + "' (expected minmax or zscore)"));
    if (draws < 0 || draws > MAX_DRAWS) {
      throw new UsageError("Invalid value for --draws: " + draws + " (must be 0 to " + MAX_DRAWS + ")");
    }
    Weights weighting = weights(weights);
    OutlierTreatment treatment = weighting.treatOutliers().orElse(OutlierTreatment.NONE);
    if (treatOutliers != null) {
      treatment = OutlierTreatment.of(treatOutliers).orElseThrow(() ->
          new UsageError("Invalid value for --treat-outliers: '" + treatOutliers + "' (expected none or winsorise)"));
    }
    Screening screen = weighting.screening().orElse(Screening.DEFAULT);
    if (screening != null) {
      if (!(screening >= 0 && screening <= 1)) {
        throw new UsageError("Invalid value for --screening: " + screening + " (must be 0 to 1)");
      }
      screen = new Screening(screening);
    }
    WarehouseWork.checked(warehouse, () -> {
      checkPeriods(only);
      return null;
    });

    ScoreSettings settings = new ScoreSettings(only, weighting, weights == null ? "default" : weights, method, draws, seed,
        treatment, screen);
    String runId = RunRecords.newRunId();
    return WarehouseWork.locked(warehouse, "score", runId, sparkOptions, session -> {
      var spark = session.spark();
      var target = session.warehouse();
      ScoreResult result = new ScoreJob(spark, target, settings, runId).run();
      // Committed with the scores: unless scored as the nightly run scores, it scores every period again.
      RunState state = RunState.read(target);
      boolean asTheRun = RunState.weightsVersion(weighting).equals(state.weightsVersion())
          && settings.method().equals(new ScoreSettings(only, weighting, settings.weightsSource(), Normalisation.MINMAX,
              Sensitivity.DEFAULT_DRAWS, Sensitivity.DEFAULT_SEED).method());
      RunState.scoredAlone(target, runId, asTheRun);
      String record = RunRecords.writeScore(target, result);
      System.out.print(result.summary());
      System.out.println("Run record: " + record);
      return ExitCodes.OK;
    });
  }

  /** The weights of the file, or the defaults; refuses a file that cannot be used. */
  static Weights weights(String file) {
    if (file == null) {
      return Weights.defaults();
    }
    if (file.isBlank()) {
      throw new UsageError("Invalid value for --weights: it is empty; give a weights file");
    }
    if (Files.isDirectory(Paths.get(file))) {
      throw new UsageError("Cannot read weights file " + file + ": it is a folder; give a weights file");
    }
    // A pipe would be read forever, a device or a huge file until the heap ran out.
    if (Files.exists(Paths.get(file)) && !Files.isRegularFile(Paths.get(file))) {
      throw new UsageError("Cannot read weights file " + file + ": not a regular file; give a weights file");
    }
    try {
      if (Files.exists(Paths.get(file)) && Files.size(Paths.get(file)) > MAX_WEIGHTS_BYTES) {
        throw new UsageError("Cannot read weights file " + file + ": " + Files.size(Paths.get(file))
            + " bytes, over the " + (MAX_WEIGHTS_BYTES >> 20) + " MiB a weights file may hold");
      }
    } catch (IOException e) {
      throw new UsageError("Cannot read weights file " + file + ": " + e.getMessage());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(Paths.get(file)))).toString();
    } catch (NoSuchFileException e) {
      throw new UsageError("Cannot read weights file: no such file: " + file);
    } catch (CharacterCodingException e) {
      throw new UsageError("Cannot read weights file " + file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UsageError("Cannot read weights file " + file + ": " + e.getMessage());
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    try {
      return Weights.parse(Paths.get(file).getFileName().toString(), text);
    } catch (Weights.WeightsException e) {
      throw new UsageError("Invalid weights file " + file + ": " + e.getMessage());
    }
  }

  /** The warehouse must hold indicator values, for every period asked. */
  private void checkPeriods(Set<String> only) {
    Path table = new Path(new Path(warehouse, "tables"), ScoreTables.INDICATOR_VALUES);
    SortedSet<String> withData;
    try {
      withData = ScoreInputs.periodsWithData(new Warehouse(warehouse, new Configuration()), ScoreTables.INDICATOR_VALUES);
    } catch (IOException e) {
      throw new UsageError("Cannot read warehouse " + warehouse + ": " + e.getMessage());
    }
    if (withData.isEmpty()) {
      throw new UsageError("Cannot score: no indicator values in " + table + " (run 'changai compute' first)");
    }
    for (String period : only) {
      if (!withData.contains(period)) {
        throw new UsageError("Invalid value for --period: no indicator values for period " + period + " in " + table
            + " (periods with values: " + String.join(", ", withData) + ")");
      }
    }
  }
}
