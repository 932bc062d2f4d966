package cn.changai.jobs.spark;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The classes linked early still exist under the names given (a rename would make it fail). */
class EarlyClassesTest {

  @Test
  void linksEveryClassItNames() {
    assertThatCode(EarlyClasses::link).doesNotThrowAnyException();
  }
}
