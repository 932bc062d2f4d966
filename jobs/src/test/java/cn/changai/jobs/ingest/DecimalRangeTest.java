package cn.changai.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Decimals are stored as decimal(18,4): at most 14 digits before the point. */
class DecimalRangeTest {

  @Test
  void fourteenDigitsBeforeThePointFitAndFifteenAreOutOfRange() throws Exception {
    // 99,999,999,999,999.9999 is the largest decimal(18,4).
    assertThat(FieldValue.nonNegativeDecimal("annual_wage_yuan", "99999999999999.9999", null))
        .isEqualByComparingTo(new BigDecimal("99999999999999.9999"));
    assertThatThrownBy(() -> FieldValue.nonNegativeDecimal("annual_wage_yuan", "100000000000000", null))
        .isInstanceOfSatisfying(FieldValue.RowFault.class, f -> assertThat(f.code).isEqualTo(ReasonCode.OUT_OF_RANGE))
        .hasMessageContaining("too large");
    // Rounding to four places can carry into the fifteenth digit.
    assertThatThrownBy(() -> FieldValue.nonNegativeDecimal("annual_wage_yuan", "99999999999999.99995", null))
        .isInstanceOf(FieldValue.RowFault.class);
  }
}
