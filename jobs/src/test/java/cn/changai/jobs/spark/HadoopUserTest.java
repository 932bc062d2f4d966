package cn.changai.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HadoopUserTest {

  @Test
  void aUserTheSystemNamesIsLeftToHadoop() {
    assertThat(HadoopUser.nameFor("changai", null, "1001")).isNull();
    assertThat(HadoopUser.nameFor("changai", "etl", "1001")).isNull();
  }

  @Test
  void aUidWithoutANameActsAsHadoopUserNameElseItsNumber() {
    // docker run --user 12345: no /etc/passwd entry, and Java's user.name is "?".
    assertThat(HadoopUser.nameFor("?", null, "12345")).isEqualTo("12345");
    assertThat(HadoopUser.nameFor("?", "  ", "12345")).isEqualTo("12345");
    assertThat(HadoopUser.nameFor("?", "etl", "12345")).isEqualTo("etl");
    assertThat(HadoopUser.nameFor(null, null, "12345")).isEqualTo("12345");
  }
}
