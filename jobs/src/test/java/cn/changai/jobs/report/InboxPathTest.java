package cn.changai.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Server paths become places in the inbox. */
class InboxPathTest {

  @Test
  void aSubmissionIsNamedFromItsPeriodFolderOn() {
    assertThat(InboxPath.relative("file:/srv/changai/inbox/2025/913100005NUUXG9NC9", "2025"))
        .isEqualTo("2025/913100005NUUXG9NC9");
    assertThat(InboxPath.relative("file:/srv/inbox/2024/913100004LT4AKJ37K/enterprise.json", "2024"))
        .isEqualTo("2024/913100004LT4AKJ37K/enterprise.json");
    assertThat(InboxPath.relative("/srv/inbox/2025Q3/X/", "2025Q3")).isEqualTo("2025Q3/X");
    assertThat(InboxPath.relative("hdfs://nn:8020/data/inbox/2025", "2025")).isEqualTo("2025");
  }

  @Test
  void aRootWithAFolderNamedLikeThePeriodIsSkipped() {
    assertThat(InboxPath.relative("file:/data/2025/inbox/2025/X/workers.csv", "2025")).isEqualTo("2025/X/workers.csv");
    // "2025" must be a whole folder name: 2025Q1 is not the period 2025.
    assertThat(InboxPath.relative("file:/data/inbox/2025Q1/X", "2025")).isEqualTo("X");
  }

  @Test
  void withoutThePeriodOnlyTheLastSegmentIsKept() {
    assertThat(InboxPath.relative("file:/srv/inbox/odd/workers.csv", "2025")).isEqualTo("workers.csv");
    assertThat(InboxPath.relative("workers.csv", null)).isEqualTo("workers.csv");
    assertThat(InboxPath.relative(null, "2025")).isNull();
  }

  @Test
  void pathsInFreeTextAreMadeRelativeAndTheRestKept() {
    assertThat(InboxPath.scrub("cannot read: java.io.IOException: /srv/inbox/2025/X/workers.csv (Permission denied)", "2025"))
        .isEqualTo("cannot read: java.io.IOException: 2025/X/workers.csv (Permission denied)");
    assertThat(InboxPath.scrub("folder 'file:/srv/inbox/2025/X' is empty", "2025")).isEqualTo("folder '2025/X' is empty");
    assertThat(InboxPath.scrub("file /tmp/x.zip ignored", null)).isEqualTo("file x.zip ignored");
    // Ratios, dates and plain slashes are not paths.
    assertThat(InboxPath.scrub("hire_date 2025/01/02 after 1/3 of a / b", "2025")).isEqualTo("hire_date 2025/01/02 after 1/3 of a / b");
    assertThat(InboxPath.scrub(null, "2025")).isNull();
  }
}
