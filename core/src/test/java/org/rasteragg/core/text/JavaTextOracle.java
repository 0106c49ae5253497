package org.rasteragg.core.text;

import java.math.BigDecimal;

/**
 * What the tests know about Java 17's Double.toString, this build's reference: where its digits are
 * as few as the shortest, they are the same digits; it sometimes gives more (JDK-4511638), and gives
 * one digit where JDK 19 gives the nearer of the two-digit decimals (9.9E-324, Java 17 1.0E-323),
 * and with as many digits it sometimes gives the farther of two that both read back
 * (1.9342813113837592E25 where the exact value 1.93428131138375929634E25 is nearer ...593E25).
 */
public final class JavaTextOracle {

    private JavaTextOracle() {
    }

    /** The number of significant digits of a Double.toString text ("1.0E-323" has 1, "0.00120" has 2). */
    public static int significantDigits(String text) {
        int end = text.indexOf('E');
        String mantissa = (end < 0 ? text : text.substring(0, end)).replace("-", "").replace(".", "");
        int first = 0;
        while (first < mantissa.length() - 1 && mantissa.charAt(first) == '0') {
            first++;
        }
        int last = mantissa.length();
        while (last > first + 1 && mantissa.charAt(last - 1) == '0') {
            last--;
        }
        return last - first;
    }

    /**
     * Why Java 17's {@code java17} text for {@code v} may differ from the shortest {@code shortest}, or
     * null when it may not: it must be the same text wherever it has as many digits.
     */
    public static String allowedDifference(double v, String java17, String shortest) {
        int digits17 = significantDigits(java17);
        int digits = significantDigits(shortest);
        if (Double.doubleToRawLongBits(Double.parseDouble(java17)) != Double.doubleToRawLongBits(v)) {
            return null;
        }
        if (digits17 > digits) {
            return "longer";
        }
        if (digits17 == 1 && digits == 2) {
            return "one digit";
        }
        if (digits17 == digits && Double.doubleToRawLongBits(Double.parseDouble(shortest)) == Double.doubleToRawLongBits(v)) {
            BigDecimal exact = new BigDecimal(v);
            BigDecimal missBy17 = new BigDecimal(java17).subtract(exact).abs();
            BigDecimal missByShortest = new BigDecimal(shortest).subtract(exact).abs();
            return missByShortest.compareTo(missBy17) < 0 ? "nearer" : null;
        }
        return null;
    }
}
