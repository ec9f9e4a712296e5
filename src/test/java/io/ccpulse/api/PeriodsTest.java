package io.ccpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.api.Periods.Group;
import io.ccpulse.api.Periods.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PeriodsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Instant day(String d, ZoneId z) {
        return LocalDate.parse(d).atStartOfDay(z).toInstant();
    }

    static List<String> starts(List<Period> ps) {
        return ps.stream().map(p -> p.start().toOffsetDateTime().toString()).toList();
    }

    static List<Long> hours(List<Period> ps) {
        return ps.stream().map(p -> Duration.between(p.startInstant(), p.endInstant()).toMinutes()).toList();
    }

    @Test
    @DisplayName("Spring forward in Berlin: 23 hourly periods, 02:00 missing; the day is 23 hours")
    void spring() {
        List<Period> h = Periods.of(day("2026-03-29", BERLIN), day("2026-03-30", BERLIN), Group.HOUR, BERLIN);
        assertEquals(23, h.size());
        assertEquals(List.of("2026-03-29T00:00+01:00", "2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00"),
                starts(h).subList(0, 3));
        assertTrue(hours(h).stream().allMatch(m -> m == 60));
        List<Period> d = Periods.of(day("2026-03-28", BERLIN), day("2026-03-31", BERLIN), Group.DAY, BERLIN);
        assertEquals(List.of(24 * 60L, 23 * 60L, 24 * 60L), hours(d));
    }

    @Test
    @DisplayName("Fall back in Berlin: 25 hourly periods, 02:00 twice with different offsets; the day is 25 hours")
    void autumn() {
        List<Period> h = Periods.of(day("2026-10-25", BERLIN), day("2026-10-26", BERLIN), Group.HOUR, BERLIN);
        assertEquals(25, h.size());
        assertEquals(List.of("2026-10-25T01:00+02:00", "2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00",
                "2026-10-25T03:00+01:00"), starts(h).subList(1, 5));
        List<Period> d = Periods.of(day("2026-10-25", BERLIN), day("2026-10-26", BERLIN), Group.DAY, BERLIN);
        assertEquals(List.of(25 * 60L), hours(d));
    }

    @Test
    @DisplayName("Weeks start on Monday, months on the 1st, at local midnight; the ends are clipped to the range")
    void weeksMonthsClipping() {
        List<Period> w = Periods.of(day("2026-03-25", BERLIN), day("2026-04-08", BERLIN), Group.WEEK, BERLIN);
        assertEquals(List.of("2026-03-25T00:00+01:00", "2026-03-30T00:00+02:00", "2026-04-06T00:00+02:00"), starts(w));
        assertEquals("2026-04-08T00:00+02:00", w.get(2).end().toOffsetDateTime().toString());
        List<Period> m = Periods.of(day("2026-01-15", BERLIN), day("2026-04-01", BERLIN), Group.MONTH, BERLIN);
        assertEquals(List.of("2026-01-15T00:00+01:00", "2026-02-01T00:00+01:00", "2026-03-01T00:00+01:00"), starts(m));
    }

    @Test
    @DisplayName("Hours in a half-hour zone start at local full hours (UTC :30); 15-minute periods are the UTC buckets")
    void halfHourZoneAndBuckets() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        List<Period> h = Periods.of(day("2026-03-29", kolkata), day("2026-03-30", kolkata), Group.HOUR, kolkata);
        assertEquals(24, h.size());
        assertEquals(Instant.parse("2026-03-28T18:30:00Z"), h.get(0).startInstant());
        assertEquals(Instant.parse("2026-03-28T19:30:00Z"), h.get(1).startInstant());
    }

    @Test
    @DisplayName("15-minute boundaries")
    void buckets() {
        assertTrue(Periods.onBucket(Instant.parse("2026-03-29T10:45:00Z")));
        assertFalse(Periods.onBucket(Instant.parse("2026-03-29T10:46:00Z")));
        assertFalse(Periods.onBucket(Instant.parse("2026-03-29T10:45:00.001Z")));
        List<Period> q = Periods.of(Instant.parse("2026-03-29T10:45:00Z"), Instant.parse("2026-03-29T11:30:00Z"),
                Group.MINUTES_15, BERLIN);
        assertEquals(List.of(15L, 15L, 15L), hours(q));
    }
}
