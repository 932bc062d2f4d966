package cn.changai.jobs.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One accepted roster row, typed, with codes normalised to the English code. */
public record WorkerRecord(
    int line,
    String workerId,
    boolean industrialWorker,
    boolean frontline,
    boolean partyMember,
    LocalDate partyJoined,
    String skillLevel,
    Integer birthYear,
    String gender,
    LocalDate hireDate,
    BigDecimal annualWageYuan,
    BigDecimal trainingHours,
    String mentorId,
    List<String> honours,
    boolean massOrgPost,
    boolean healthCheck,
    boolean recuperation,
    String studioId)
    implements Serializable {

  /** The same worker with its mentor and studio links replaced. */
  WorkerRecord withLinks(String mentor, String studio) {
    return new WorkerRecord(
        line, workerId, industrialWorker, frontline, partyMember, partyJoined, skillLevel,
        birthYear, gender, hireDate, annualWageYuan, trainingHours, mentor, honours, massOrgPost,
        healthCheck, recuperation, studio);
  }
}
