package cn.changai.jobs.generate;

import cn.changai.jobs.ingest.ReasonCode;

/**
 * A deliberate fault the generator writes into a worker row, and the reason code ingest rejects
 * the row with. Each faulty row breaks exactly one rule, the first one ingest checks.
 */
enum RowFault {
  /** industrial_worker, frontline, party_member, mass_org_post, health_check or recuperation is no boolean. */
  BAD_BOOLEAN(ReasonCode.BAD_BOOLEAN),
  /** hire_date (or a member's party_joined) is no date. */
  BAD_DATE(ReasonCode.BAD_DATE),
  /** hire_date lies 1 to 90 days after the period end. */
  DATE_AFTER_PERIOD_END(ReasonCode.DATE_AFTER_PERIOD_END),
  /** skill_level is no code of the contract. */
  UNKNOWN_SKILL(ReasonCode.BAD_CODE),
  /** One of worker_id, industrial_worker, frontline, party_member, skill_level, hire_date is blank. */
  BLANK_REQUIRED(ReasonCode.MISSING_VALUE),
  /**
   * The row repeats the worker_id of the clean row just before it: ingest rejects both rows, so
   * each such fault costs two rows.
   */
  DUPLICATE_ID(ReasonCode.DUPLICATE_ID);

  private static final RowFault[] ALL = values();

  final ReasonCode reason;

  RowFault(ReasonCode reason) {
    this.reason = reason;
  }

  /** Rows ingest rejects for one fault of this kind. */
  int rowsRejected() {
    return this == DUPLICATE_ID ? 2 : 1;
  }

  /**
   * Which rows of one roster carry a fault. Every row is decided by a hash of the roster's seed and
   * its row number alone, so the writer can ask about any row, earlier or later, without keeping
   * any: a mentor or a studio leader is only ever chosen among rows ingest will accept.
   */
  static final class Plan {

    private final long seed;
    private final long threshold;
    private final int rows;

    /** Each row carries a fault with probability {@code rate}. */
    Plan(long seed, double rate, int rows) {
      this.seed = seed;
      this.rows = rows;
      // A row is faulty when the top 53 bits of its hash are below rate * 2^53.
      this.threshold = rate >= 1 ? Long.MAX_VALUE : (long) Math.floor(rate * 0x1.0p53);
    }

    /** The fault of row {@code k} (1-based), or null when the row is clean. */
    RowFault at(int k) {
      if (threshold == 0) {
        return null;
      }
      RowFault drawn = drawn(k);
      if (drawn != DUPLICATE_ID) {
        return drawn;
      }
      // A duplicate needs a clean row before it to copy; otherwise the row gets another fault.
      if (k > 1 && drawn(k - 1) == null) {
        return DUPLICATE_ID;
      }
      return ALL[(int) ((Seeds.mix(hash(k) + 1) >>> 33) % (ALL.length - 1))];
    }

    /** True when ingest rejects row {@code k}: its own fault, or the next row duplicates its id. */
    boolean isRejected(int k) {
      return threshold != 0 && (at(k) != null || (k < rows && at(k + 1) == DUPLICATE_ID));
    }

    /** Bits the writer uses to vary a fault (which column, which bad value). */
    long variant(int k) {
      return Seeds.mix(hash(k) + 2);
    }

    private RowFault drawn(int k) {
      long hash = hash(k);
      if ((hash >>> 11) >= threshold) {
        return null;
      }
      return ALL[(int) ((Seeds.mix(hash) >>> 33) % ALL.length)];
    }

    private long hash(int k) {
      return Seeds.derive(seed, k);
    }
  }
}
