package cn.changai.jobs.cli;

/** The exit codes of every command, as documented in the README. */
public final class ExitCodes {

  /** Finished; every submission accepted (rejected rows allowed). */
  public static final int OK = 0;
  /** An internal failure: a fault of this program or of its environment. */
  public static final int INTERNAL = 1;
  /** Bad arguments, reported before any work. */
  public static final int USAGE = 2;
  /** Finished, but at least one submission was rejected whole. */
  public static final int SUBMISSION_REJECTED = 3;
  /** Another live run holds the warehouse's lock. */
  public static final int LOCKED = 4;
  /** A run stopped by SIGINT (Ctrl-C), recorded as interrupted: 128 + 2, as a shell reports it. */
  public static final int SIGINT = 130;
  /** A run stopped by SIGTERM, recorded as interrupted: 128 + 15. */
  public static final int SIGTERM = 143;

  private ExitCodes() {}
}
