package cn.changai.jobs.run;

/**
 * The crash-test pause points under their former name, for the code that still calls them here
 * (ingest, until its rewrite calls {@link cn.changai.jobs.pause.Pause} directly).
 */
public final class Pause {

  private Pause() {}

  public static void point(String name) {
    cn.changai.jobs.pause.Pause.point(name);
  }
}
