package io.sluice.policies.rego.value;

import java.math.BigDecimal;

/** Renders numbers the way OPA prints them: integers without a fraction, no exponent for ordinary sizes. */
public final class NumberFormat {
  private NumberFormat() {}

  public static String format(BigDecimal v) {
    if (v.signum() == 0) {
      return "0";
    }
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() <= 0) {
      return s.toPlainString();
    }
    if (s.scale() > 0 && s.scale() < 21) {
      return s.toPlainString();
    }
    String t = s.toString().replace("E+", "e+").replace("E-", "e-");
    return t;
  }
}
