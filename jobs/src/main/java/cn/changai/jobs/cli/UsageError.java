package cn.changai.jobs.cli;

/** A bad argument found before any work started; the message names the value. Exit code 2. */
public final class UsageError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageError(String message) {
    super(message);
  }
}
