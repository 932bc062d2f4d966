package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The accepted content of one enterprise.json: identity, place in the group tree and the figures
 * (a figure absent or null in the file is null here: unknown, never 0).
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
    Map<String, Long> counts,
    Boolean reformInPartyAssessment,
    BigDecimal innovationFundingWanYuan)
    implements Serializable {

  /** The whole-number figures of enterprise.json, in the contract's order. */
  public static final java.util.List<String> COUNT_FIGURES =
      java.util.List.of(
          "ideology_participants",
          "school_partnerships",
          "order_class_trainees",
          "competition_participants",
          "innovation_achievements",
          "achievements_converted",
          "rationalization_proposals",
          "proposals_adopted",
          "frontline_party_meeting_attendances",
          "congress_levels_required",
          "congress_levels_established",
          "employee_directors",
          "employee_supervisors",
          "dedicated_reform_staff");

  public static final String REFORM_FIGURE = "reform_in_party_assessment";
  public static final String FUNDING_FIGURE = "innovation_funding_wan_yuan";
}
