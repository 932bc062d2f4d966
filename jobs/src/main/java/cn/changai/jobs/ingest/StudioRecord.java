package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One accepted innovation studio row, typed, with codes normalised to the English code. */
public record StudioRecord(
    int line,
    String studioId,
    String type,
    String level,
    LocalDate established,
    String leaderId,
    Integer achievements,
    Integer achievementsConverted,
    BigDecimal fundingWanYuan)
    implements Serializable {

  StudioRecord withLeader(String leader) {
    return new StudioRecord(
        line, studioId, type, level, established, leader, achievements, achievementsConverted,
        fundingWanYuan);
  }
}
