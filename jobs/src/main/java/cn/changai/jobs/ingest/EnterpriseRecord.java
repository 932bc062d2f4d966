package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The accepted content of one enterprise.json: identity, place in the group tree and the figures
 * (a figure absent or null in the file is null here: unknown, never 0). {@code submittedAtOffset} is
 * the UTC offset that submitted_at was written with ({@code +08:00}), kept beside the instant.
 */
public record EnterpriseRecord(
    int schemaVersion,
    String period,
    String enterpriseId,
    String name,
    String parentId,
    String level,
    String industry,
    String district,
    Instant submittedAt,
    String submittedAtOffset,
    Map<String, Long> counts,
    Boolean reformInPartyAssessment,
    BigDecimal innovationFundingWanYuan)
    implements Serializable {

  /** The whole-number figures of enterprise.json, in the contract's order (the registry's list). */
  public static final java.util.List<String> COUNT_FIGURES = cn.changai.jobs.warehouse.Tables.COUNT_FIGURES;

  public static final String REFORM_FIGURE = cn.changai.jobs.warehouse.Tables.REFORM_FIGURE;
  public static final String FUNDING_FIGURE = cn.changai.jobs.warehouse.Tables.FUNDING_FIGURE;
}
