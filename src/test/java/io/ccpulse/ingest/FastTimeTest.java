package io.ccpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FastTimeTest {

    private static Instant slow(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    @DisplayName("The fast timestamp path gives the formatter's instant, or leaves the string to the formatter")
    void sameAsFormatter() {
        List<String> cases = List.of("2026-11-23T08:01:00.250Z", "2026-11-23T08:01:00Z", "2026-11-23T08:01:00.1Z",
                "2026-11-23T08:01:00.123456789Z", "2026-11-23T09:01:00.123456+01:00", "2026-11-23T00:00:00-05:30",
                "2024-02-29T23:59:59.999Z", "2023-02-29T10:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
                "2026-11-23T24:00:00Z", "2026-11-23T08:60:00Z", "2026-11-23T08:01:60Z", "2026-11-23T08:01:00",
                "2026-11-23t08:01:00z", "2026-11-23T08:01:00.Z", "2026-11-23T08:01:00.1234567890Z",
                "2026-11-23T08:01:00+18:00", "2026-11-23T08:01:00+01:00:30", "2026-11-23T08:01:00+0100",
                "0000-01-01T00:00:00Z", "yesterday", "2026-11-23 08:01:00Z", "2026-1-23T08:01:00Z");
        for (String s : cases) {
            Instant fast = EventParser.fastTime(s);
            if (fast != null) {
                assertEquals(slow(s), fast, s);
            }
        }
        assertEquals(Instant.parse("2026-11-23T08:01:00.250Z"), EventParser.fastTime("2026-11-23T08:01:00.250Z"));
        assertEquals(Instant.parse("2026-11-23T08:01:00.123Z"), EventParser.fastTime("2026-11-23T09:01:00.123456+01:00"));
        assertNull(EventParser.fastTime("2023-02-29T10:00:00Z"));
        assertNull(EventParser.fastTime("2026-11-23T08:01:00"));
    }

    @Test
    @DisplayName("Random valid timestamps parse to the same instant on both paths")
    void randomValid() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long ms = r.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
            int offsetMin = (r.nextInt(37) - 18) * 30;
            OffsetDateTime t = Instant.ofEpochMilli(ms).plusNanos(r.nextInt(1_000_000))
                    .atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMin * 60));
            String s = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            Instant fast = EventParser.fastTime(s);
            if (fast != null || Math.abs(offsetMin) < 18 * 60) {
                assertEquals(slow(s), fast, s);
            }
        }
    }
}
