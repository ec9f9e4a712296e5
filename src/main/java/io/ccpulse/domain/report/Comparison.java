package io.ccpulse.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The periods a report is compared with (METRICS.md "Targets, scorecards, comparisons"): the previous
 * period of the same length, and the same period one year earlier, in the report's time zone.
 *
 * <ul>
 *   <li>{@code previous}: a range of whole local months (from and to at local midnight on the 1st) moves back
 *       by its number of months (March → February, Q2 → Q1); a range of whole local days moves back by its
 *       number of days (a week → the week before; daylight-saving days keep their 23 or 25 hours); any
 *       other range moves back by its exact length.</li>
 *   <li>{@code last_year}: the same local dates and times one year earlier; 29 February becomes 28 February
 *       (so 2028-02-29 compares with 2027-02-28, and February 2028 with February 2027: 29 days with 28).</li>
 * </ul>
 * Report rows are paired by position (the i-th period of the range with the i-th period of the shifted
 * range, when it has one); totals are compared as a whole.
 */
public final class Comparison {

    /** What to compare with. */
    public enum Kind {
        PREVIOUS("previous"), LAST_YEAR("last_year");

        public final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** The kind named {@code s}, or null. */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.wire.equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A range [from, to). */
    public record Range(Instant from, Instant to) {
        public Range {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from must be before to");
            }
        }
    }

    private Comparison() {
    }

    /** The range to compare [from, to) with. */
    public static Range shift(Instant from, Instant to, ZoneId zone, Kind kind) {
        ZonedDateTime f = from.atZone(zone);
        ZonedDateTime t = to.atZone(zone);
        if (kind == Kind.LAST_YEAR) {
            return new Range(minusYear(f), minusYear(t));
        }
        if (isMidnight(f) && isMidnight(t)) {
            LocalDate fd = f.toLocalDate();
            LocalDate td = t.toLocalDate();
            if (fd.getDayOfMonth() == 1 && td.getDayOfMonth() == 1) {
                long months = ChronoUnit.MONTHS.between(fd, td);
                return new Range(start(fd.minusMonths(months), zone), start(td.minusMonths(months), zone));
            }
            long days = ChronoUnit.DAYS.between(fd, td);
            return new Range(start(fd.minusDays(days), zone), start(td.minusDays(days), zone));
        }
        Duration d = Duration.between(from, to);
        return new Range(from.minus(d), from);
    }

    /** Change from {@code before} to {@code now}: now - before, null when either is null. */
    public static Double change(Double now, Double before) {
        return now == null || before == null ? null : now - before;
    }

    /** Relative change (now - before) / |before|, null when either is null or before is 0. */
    public static Double relativeChange(Double now, Double before) {
        return now == null || before == null || before == 0 ? null : (now - before) / Math.abs(before);
    }

    private static Instant minusYear(ZonedDateTime z) {
        LocalDateTime l = z.toLocalDateTime().minusYears(1);   // 29 Feb -> 28 Feb
        return l.atZone(z.getZone()).toInstant();
    }

    private static boolean isMidnight(ZonedDateTime z) {
        return z.toInstant().equals(start(z.toLocalDate(), z.getZone()));
    }

    private static Instant start(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toInstant();
    }
}
