package cn.changai.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source formats with the machine's locale: {@code String.format("%,d")} writes "1.200"
 * under tr_TR or de_DE and Arabic-Indic digits under ar_SA, into summaries, reasons of the tables
 * and Parquet file names. Every call names {@code Locale.ROOT}.
 */
class FormatLocaleTest {

  /** A formatting call whose first argument is not a locale. */
  private static final Pattern DEFAULT_LOCALE =
      Pattern.compile("(String\\.format|\\.printf|[^\\w.]format)\\(\\s*(?!(java\\.util\\.)?Locale\\b)\"|\"\\s*\\.formatted\\(");

  @Test
  void everyFormatNamesItsLocale() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("../indicators/src/main/java"))) {
      assertThat(root).isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          Matcher m = DEFAULT_LOCALE.matcher(text);
          while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(file + ":" + line);
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }
}
