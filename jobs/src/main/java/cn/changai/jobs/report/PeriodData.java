package cn.changai.jobs.report;

import cn.changai.jobs.warehouse.Tables;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The rows the report reads for one period: per-unit rows of the published tables, never a worker
 * row (the report does not read {@code workers}, nor the {@code raw} column of rejected rows).
 * A table the warehouse lacks for the period is named in {@code missingTables} and its list is empty.
 */
public record PeriodData(
    String period,
    List<IndicatorRow> indicators,
    List<ScoreRow> scores,
    List<SkillRow> skills,
    List<EnterpriseRow> enterprises,
    List<RejectedSubmissionRow> rejectedSubmissions,
    List<IssueRow> rejectedRows,
    List<IssueRow> warnings,
    Set<String> missingTables) {

  // The names of the tables the report reads, as the registry declares them.
  public static final String INDICATOR_VALUES = Tables.INDICATOR_VALUES.name();
  public static final String SCORES = Tables.SCORES.name();
  public static final String SKILL_DISTRIBUTION = Tables.SKILL_DISTRIBUTION.name();
  public static final String ENTERPRISES = Tables.ENTERPRISES.name();
  public static final String REJECTED_SUBMISSIONS = Tables.REJECTED_SUBMISSIONS.name();
  public static final String REJECTED_ROWS = Tables.REJECTED_ROWS.name();
  public static final String WARNINGS = Tables.WARNINGS.name();

  /** Every table the report reads, in the order it reads them. */
  public static final List<String> TABLES =
      List.of(INDICATOR_VALUES, SCORES, SKILL_DISTRIBUTION, ENTERPRISES, REJECTED_SUBMISSIONS, REJECTED_ROWS, WARNINGS);

  public static final String LEVEL_ENTERPRISE = "enterprise";
  public static final String LEVEL_GROUP = "group";
  public static final String LEVEL_INDUSTRY = "industry";
  public static final String LEVEL_SYSTEM = "system";
  /** The unit levels the pages show (industries are shown through their members, not as units). */
  public static final Set<String> REPORTED_LEVELS = Set.of(LEVEL_ENTERPRISE, LEVEL_GROUP, LEVEL_SYSTEM);

  public static final String SCOPE_GROUPS = "groups";
  public static final String SCOPE_ENTERPRISES = "enterprises";
  public static final String SCOPE_INDUSTRY_PREFIX = "industry:";

  /**
   * Holds every list in its key order. The rows come in the order of the table's files, whose names
   * and layout depend on the warehouse's history (a night that rewrote a file, a first load), so
   * the pages, the workbook and the console would otherwise list ties (two members of one name,
   * two refusals of one folder) in an order a fresh run of the same inbox does not give.
   */
  public PeriodData {
    indicators = ordered(indicators, Comparator.comparing(IndicatorRow::unitLevel, TEXT)
        .thenComparing(IndicatorRow::unitId, TEXT).thenComparing(IndicatorRow::indicatorId, TEXT));
    scores = ordered(scores, Comparator.comparing(ScoreRow::scope, TEXT).thenComparing(ScoreRow::unitLevel, TEXT)
        .thenComparing(ScoreRow::unitId, TEXT));
    skills = ordered(skills, Comparator.comparing(SkillRow::unitLevel, TEXT).thenComparing(SkillRow::unitId, TEXT)
        .thenComparing(SkillRow::skillLevel, TEXT));
    enterprises = ordered(enterprises, Comparator.comparing(EnterpriseRow::enterpriseId, TEXT));
    rejectedSubmissions = ordered(rejectedSubmissions, Comparator.comparing(RejectedSubmissionRow::enterpriseId, TEXT)
        .thenComparing(RejectedSubmissionRow::path, TEXT).thenComparing(RejectedSubmissionRow::reasonCode, TEXT)
        .thenComparing(RejectedSubmissionRow::reason, TEXT));
    rejectedRows = ordered(rejectedRows, ISSUE_ORDER);
    warnings = ordered(warnings, ISSUE_ORDER);
    missingTables = Set.copyOf(missingTables);
  }

  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<IssueRow> ISSUE_ORDER = Comparator.comparing(IssueRow::enterpriseId, TEXT)
      .thenComparing(IssueRow::file, TEXT)
      .thenComparing(IssueRow::line, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(IssueRow::column, TEXT).thenComparing(IssueRow::reasonCode, TEXT)
      .thenComparing(IssueRow::reason, TEXT).thenComparingLong(IssueRow::weight);

  private static <T> List<T> ordered(List<T> rows, Comparator<? super T> order) {
    List<T> sorted = new java.util.ArrayList<>(rows);
    sorted.sort(order);
    return List.copyOf(sorted);
  }

  public boolean isMissing(String table) {
    return missingTables.contains(table);
  }

  /**
   * Whether every submission of the period was refused: it has refusals and no accepted
   * enterprise, so the tables after ingest lack it because there was nothing to compute, not by a
   * fault of the warehouse.
   */
  public boolean everyRefused() {
    return isMissing(ENTERPRISES) && !rejectedSubmissions.isEmpty();
  }

  /** A row of {@code indicator_values}. */
  public record IndicatorRow(
      String unitLevel,
      String unitId,
      String unitName,
      String indicatorId,
      Double numerator,
      Double denominator,
      Double value,
      boolean lowBase,
      Integer membersReporting,
      Integer membersTotal,
      String catalogueVersion,
      String runId) {}

  /** A row of {@code scores}, in the registry's types. */
  public record ScoreRow(
      String scope,
      String unitLevel,
      String unitId,
      String unitName,
      Double composite,
      Double partA,
      Double partB,
      Double partC,
      Double partD,
      Integer rank,
      Integer rankChange,
      String tier,
      Integer rankMedian,
      Integer rankP05,
      Integer rankP95,
      boolean rankUnstable,
      List<String> indicatorsUsed,
      String method,
      String unrankedReason) {

    /** A row without a reason for being unranked (tables written before scores had the column, and tests). */
    public ScoreRow(String scope, String unitLevel, String unitId, String unitName, Double composite, Double partA,
        Double partB, Double partC, Double partD, Integer rank, Integer rankChange, String tier, Integer rankMedian,
        Integer rankP05, Integer rankP95, boolean rankUnstable, List<String> indicatorsUsed, String method) {
      this(scope, unitLevel, unitId, unitName, composite, partA, partB, partC, partD, rank, rankChange, tier, rankMedian,
          rankP05, rankP95, rankUnstable, indicatorsUsed, method, null);
    }

    /** The score of one part, A to D. */
    public Double part(cn.changai.indicators.Part part) {
      return switch (part) {
        case A -> partA;
        case B -> partB;
        case C -> partC;
        case D -> partD;
      };
    }
  }

  /** A row of {@code skill_distribution}. */
  public record SkillRow(String unitLevel, String unitId, String skillLevel, long count, Double share) {}

  /** The columns of {@code enterprises} a report shows: who the unit is and how its submission read. */
  public record EnterpriseRow(
      String enterpriseId,
      String name,
      String parentId,
      String level,
      String industry,
      String district,
      Integer workersRead,
      Integer workersAccepted,
      Integer workersRejected,
      Integer studiosRead,
      Integer studiosAccepted,
      Integer studiosRejected,
      Integer warnings) {}

  /**
   * A row of {@code rejected_submissions}: one reason a submission was refused whole. A submission
   * refused for faults in two of its files has a row for each, so pages count and list refused
   * submissions by {@link #submission}, not by row.
   */
  public record RejectedSubmissionRow(String enterpriseId, String path, String reasonCode, String reason) {

    /** Which refused submission the row belongs to: its folder, or the refused path when it has none. */
    public String submission() {
      return enterpriseId != null ? "folder\u0000" + enterpriseId : "path\u0000" + path;
    }
  }

  /** A row of {@code rejected_rows} or {@code warnings}, without its raw line. */
  public record IssueRow(
      String enterpriseId, String file, Integer line, String column, String reasonCode, String reason, long weight) {

    /**
     * One finding. {@code weight} is how many findings it stands for: the report reads only the
     * first lines of each group of findings, the first of them carrying the group's size.
     */
    public IssueRow(String enterpriseId, String file, Integer line, String column, String reasonCode, String reason) {
      this(enterpriseId, file, line, column, reasonCode, reason, 1);
    }

    /**
     * True for a finding about one data row of a CSV file: its reason text may quote the row's
     * values, so reports show only its code, column and line number.
     */
    public boolean isDataRow() {
      return file != null && file.endsWith(".csv") && line != null && line > 1;
    }
  }
}
