package cn.changai.jobs.pause;

/**
 * Named points of a run where a crash test can stop it; any layer may name one (storage, the
 * stages, the nightly run), since it knows nothing of who stops there. With {@code -Dchangai.pause.at=NAME} the
 * process prints {@code PAUSED NAME} on stderr at that point and waits there, so a test can kill
 * it with SIGKILL at exactly that moment. Without the property this does nothing.
 */
public final class Pause {

  private static final String AT = System.getProperty("changai.pause.at", "");

  private Pause() {}

  public static void point(String name) {
    if (!AT.equals(name)) {
      return;
    }
    System.err.println("PAUSED " + name);
    System.err.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
