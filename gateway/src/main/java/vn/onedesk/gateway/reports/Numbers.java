package vn.onedesk.gateway.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How report figures are written: minutes to one decimal, seconds to the millisecond, shares as percentages. */
final class Numbers {
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal NANOS_PER_MINUTE = BigDecimal.valueOf(60_000_000_000L);

    private Numbers() {
    }

    /** 754321 ms → 12.6 (half up). */
    static BigDecimal minutes(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).divide(NANOS_PER_MINUTE, 1, RoundingMode.HALF_UP);
    }

    /** 754321 ms → 754.321; 600 s → 600. */
    static BigDecimal seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toNanos()).divide(NANOS_PER_SECOND, 3, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** part of whole as a percentage to one decimal, computed exactly before rounding (3 of 11 → 27.3). */
    static BigDecimal percent(int part, int whole) {
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
