package io.ccpulse.api;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Report periods: the range [from, to) cut at the boundaries of the grouping in the configured time
 * zone. Days, weeks (ISO, Monday first) and months start at local midnight (so a day is 23 or 25
 * hours long on daylight-saving days); hours start at local full hours (at the autumn change the
 * repeated local hour gives two periods, told apart by their offsets); 15-minute periods are the
 * roll-up buckets. The first and last periods are clipped to the range.
 */
public final class Periods {

    /** A reporting grouping. */
    public enum Group {
        MINUTES_15("15m", Duration.ofDays(32)),   // any calendar month, DST hour included
        HOUR("hour", Duration.ofDays(367)),       // any calendar year
        DAY("day", Duration.ofDays(3 * 367)),
        WEEK("week", Duration.ofDays(20 * 366)),
        MONTH("month", Duration.ofDays(20 * 366));

        public final String wire;
        /** The longest range that may be grouped this way. */
        public final Duration maxRange;

        Group(String wire, Duration maxRange) {
            this.wire = wire;
            this.maxRange = maxRange;
        }

        /** The group named {@code s} ("15m", "hour", "day", "week", "month"), or null. */
        public static Group parse(String s) {
            for (Group g : values()) {
                if (g.wire.equals(s.toLowerCase(Locale.ROOT))) {
                    return g;
                }
            }
            return null;
        }
    }

    /** One period [start, end), in the zone of the report (for the offsets shown). */
    public record Period(ZonedDateTime start, ZonedDateTime end) {
        public Instant startInstant() {
            return start.toInstant();
        }

        public Instant endInstant() {
            return end.toInstant();
        }
    }

    /** The roll-up bucket length. */
    public static final long BUCKET_MS = 15 * 60 * 1000L;

    private Periods() {
    }

    /** The periods of [from, to), first and last clipped to the range. */
    public static List<Period> of(Instant from, Instant to, Group group, ZoneId zone) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        List<Period> out = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant next = nextBoundary(start, group, zone);
            if (next.isAfter(to)) {
                next = to;
            }
            out.add(new Period(start.atZone(zone), next.atZone(zone)));
            start = next;
        }
        return out;
    }

    /** The first period boundary strictly after {@code t}. */
    static Instant nextBoundary(Instant t, Group group, ZoneId zone) {
        switch (group) {
            case MINUTES_15:
                return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), BUCKET_MS) * BUCKET_MS + BUCKET_MS);
            case HOUR: {
                ZonedDateTime z = t.atZone(zone);
                // the next instant whose local time is a full hour (instant arithmetic: DST-safe)
                ZonedDateTime h = z.truncatedTo(ChronoUnit.HOURS);
                ZonedDateTime n = h.plusHours(1);
                while (!n.toInstant().isAfter(t)) {
                    n = n.plusHours(1);
                }
                return n.toInstant();
            }
            case DAY:
                return startOfDay(t.atZone(zone).toLocalDate().plusDays(1), zone);
            case WEEK: {
                LocalDate d = t.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return startOfDay(d.plusWeeks(1), zone);
            }
            case MONTH: {
                LocalDate d = t.atZone(zone).toLocalDate().withDayOfMonth(1);
                return startOfDay(d.plusMonths(1), zone);
            }
            default:
                throw new IllegalArgumentException(String.valueOf(group));
        }
    }

    /** Local midnight (or the first instant of the day, where midnight does not exist). */
    public static Instant startOfDay(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toInstant();
    }

    /** True when {@code t} is on a roll-up bucket boundary (UTC-aligned 15 minutes). */
    public static boolean onBucket(Instant t) {
        return t.getNano() % 1_000_000 == 0 && Math.floorMod(t.toEpochMilli(), BUCKET_MS) == 0;
    }
}
