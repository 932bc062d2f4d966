package cn.changai.jobs.cli;

import cn.changai.jobs.run.Versions;
import picocli.CommandLine.IVersionProvider;

/** What {@code changai --version} prints: this program's version and what it runs on. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "changai " + Versions.changai() + " (data contract 1)",
      "Spark " + Versions.spark() + ", Java " + Versions.java()
    };
  }
}
