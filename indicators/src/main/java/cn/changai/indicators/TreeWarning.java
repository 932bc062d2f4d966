package cn.changai.indicators;

/**
 * A fault of the group tree in one period: the enterprise's parent did not submit, or its parent
 * links run in a cycle. Either way the enterprise is treated as its own root.
 */
public record TreeWarning(String period, String enterpriseId, Problem problem, String parentId, String message) {

  /** What is wrong with the parent link. */
  public enum Problem {
    /** parent_id names an enterprise that did not submit for the period. */
    PARENT_MISSING,
    /** Following parent_id from the enterprise comes back to it. */
    CYCLE
  }
}
