package cn.changai.jobs.pause;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Named points of a run where a crash test can stop it; any layer may name one (storage, the
 * stages, the nightly run), since it knows nothing of who stops there. With {@code
 * -Dchangai.pause.at=NAME} the process prints {@code PAUSED NAME} on stderr at that point and
 * waits there, so a test can kill it with SIGKILL at exactly that moment. Several names may be
 * given, separated by commas; with {@code -Dchangai.pause.resume=DIR} the process goes on past a
 * point once a file of the point's name appears in {@code DIR}, so one process can be looked at in
 * each of several states. Without the properties this does nothing.
 */
public final class Pause {

  private static final List<String> AT = Arrays.asList(System.getProperty("changai.pause.at", "").split(","));
  private static final String RESUME = System.getProperty("changai.pause.resume");

  private Pause() {}

  public static void point(String name) {
    if (!AT.contains(name)) {
      return;
    }
    System.err.println("PAUSED " + name);
    System.err.flush();
    try {
      if (RESUME == null) {
        Thread.sleep(Long.MAX_VALUE);
      }
      Path go = Path.of(RESUME, name);
      while (!Files.exists(go)) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
