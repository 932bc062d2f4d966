package cn.changai.jobs.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need beyond Spark itself: this program's two modules and the
 * CSV parser its tasks use. Classes run from a build folder (tests) are packed into a jar first.
 */
final class AppJars {

  /** Classes whose jars the executors need: the jobs, the indicators, Commons CSV. */
  private static final List<Class<?>> NEEDED =
      List.of(AppJars.class, cn.changai.indicators.Catalogue.class, org.apache.commons.csv.CSVFormat.class);

  private AppJars() {}

  /** Paths of the jars, comma-separated, for {@code spark.jars}. */
  static String sparkJars() {
    Set<String> jars = new LinkedHashSet<>();
    for (Class<?> type : NEEDED) {
      jars.add(jarOf(type).toUri().toString());
    }
    return String.join(",", jars);
  }

  private static Path jarOf(Class<?> type) {
    try {
      Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(location) ? pack(location) : location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Packs a class folder into a temporary jar that lives as long as this JVM. */
  private static Path pack(Path folder) {
    try {
      Path jar = Files.createTempFile("changai-classes-", ".jar");
      jar.toFile().deleteOnExit();
      List<Path> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
        for (Path file : files) {
          zip.putNextEntry(new JarEntry(folder.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, zip);
          zip.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
