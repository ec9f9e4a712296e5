package io.ccpulse.domain.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Business hours: SLA clocks that run only while open")
class BusinessHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Monday to Friday 08:00-12:00 and 13:00-17:00 (lunch closed), Saturday 09:00-13:00, in Berlin. */
    private static BusinessHours desk(Set<LocalDate> holidays) {
        Map<DayOfWeek, List<BusinessHours.Span>> w = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            w.put(d, List.of(new BusinessHours.Span(13 * 60, 17 * 60), new BusinessHours.Span(8 * 60, 12 * 60)));
        }
        w.put(DayOfWeek.SATURDAY, List.of(new BusinessHours.Span(9 * 60, 13 * 60)));
        return new BusinessHours(BERLIN, w, holidays);
    }

    private static Instant t(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }

    @Test
    @DisplayName("worked by hand: within a span, across lunch, into the next day, over the weekend, on a holiday")
    void handWorked() {
        BusinessHours h = desk(Set.of());
        // Tuesday 1 December 2026, 09:00 + 2 h = 11:00
        assertEquals(t("2026-12-01T11:00:00+01:00"), h.add(t("2026-12-01T09:00:00+01:00"), Duration.ofHours(2)));
        // 11:00 + 2 h: 1 h until lunch, 1 h after = 14:00
        assertEquals(t("2026-12-01T14:00:00+01:00"), h.add(t("2026-12-01T11:00:00+01:00"), Duration.ofHours(2)));
        // created at lunch: the clock starts at 13:00
        assertEquals(t("2026-12-01T13:30:00+01:00"), h.add(t("2026-12-01T12:20:00+01:00"), Duration.ofMinutes(30)));
        // exactly the open time left: due at closing, not the next morning
        assertEquals(t("2026-12-01T17:00:00+01:00"), h.add(t("2026-12-01T16:00:00+01:00"), Duration.ofHours(1)));
        // Friday 16:00 + 4 h: 1 h Friday, 3 h Saturday (09:00-12:00)
        assertEquals(t("2026-12-05T12:00:00+01:00"), h.add(t("2026-12-04T16:00:00+01:00"), Duration.ofHours(4)));
        // Saturday 12:00 + 4 h: 1 h Saturday, Sunday closed, 3 h Monday = 11:00
        assertEquals(t("2026-12-07T11:00:00+01:00"), h.add(t("2026-12-05T12:00:00+01:00"), Duration.ofHours(4)));
        // created on Sunday evening: Monday 08:00 + 30 min
        assertEquals(t("2026-12-07T08:30:00+01:00"), h.add(t("2026-12-06T20:00:00+01:00"), Duration.ofMinutes(30)));
        // Christmas Eve to 26 December closed: Wednesday 23 December 16:00 + 2 h = Monday 28 December 09:00
        BusinessHours xmas = desk(Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"),
                LocalDate.parse("2026-12-26")));
        assertEquals(t("2026-12-28T09:00:00+01:00"), xmas.add(t("2026-12-23T16:00:00+01:00"), Duration.ofHours(2)));
        // 24 open hours from Monday 08:00: 8 a day, so Wednesday 17:00
        assertEquals(t("2026-12-09T17:00:00+01:00"), h.add(t("2026-12-07T08:00:00+01:00"), Duration.ofHours(24)));
    }

    @Test
    @DisplayName("daylight saving: local hours are kept on the days the clocks change")
    void daylightSaving() {
        BusinessHours h = desk(Set.of());
        // Friday 27 March 2026 16:00 CET + 4 h: 1 h Friday, 3 h on Saturday 28 March: 12:00 CET
        assertEquals(t("2026-03-28T12:00:00+01:00"), h.add(t("2026-03-27T16:00:00+01:00"), Duration.ofHours(4)));
        // Saturday 28 March 12:00 + 2 h: 1 h Saturday, Sunday 29 (the change) closed, Monday 09:00 CEST
        assertEquals(t("2026-03-30T09:00:00+02:00"), h.add(t("2026-03-28T12:00:00+01:00"), Duration.ofHours(2)));
        // open around the clock: the same as adding real time, across the change
        Map<DayOfWeek, List<BusinessHours.Span>> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, List.of(new BusinessHours.Span(0, 1440)));
        }
        BusinessHours always = new BusinessHours(BERLIN, all, Set.of());
        Instant start = t("2026-03-29T00:30:00+01:00");
        assertEquals(start.plus(Duration.ofHours(4)), always.add(start, Duration.ofHours(4)));
        assertEquals(t("2026-10-25T05:30:00+01:00"), always.add(t("2026-10-25T00:30:00+02:00"), Duration.ofHours(6)));
    }

    @Test
    @DisplayName("add and openBetween agree: the open time from the start to the due time is the amount (random cases)")
    void addAndOpenBetweenAgree() {
        BusinessHours h = desk(Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2027-01-01")));
        Random r = new Random(7);
        Instant base = t("2026-11-01T00:00:00+01:00");
        for (int i = 0; i < 2000; i++) {
            Instant start = base.plusSeconds(r.nextInt(90 * 86400));
            Duration amount = Duration.ofMinutes(1 + r.nextInt(60 * 60));
            Instant due = h.add(start, amount);
            assertEquals(amount, h.openBetween(start, due), start + " + " + amount + " = " + due);
            // and one minute earlier is not enough
            assertEquals(true, h.openBetween(start, due.minusSeconds(60)).compareTo(amount) < 0);
        }
    }

    @Test
    @DisplayName("refuses overlapping spans and a week without open time")
    void refuses() {
        Map<DayOfWeek, List<BusinessHours.Span>> w = new EnumMap<>(DayOfWeek.class);
        w.put(DayOfWeek.MONDAY, List.of(new BusinessHours.Span(480, 720), new BusinessHours.Span(700, 900)));
        assertThrows(IllegalArgumentException.class, () -> new BusinessHours(BERLIN, w, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new BusinessHours(BERLIN, Map.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new BusinessHours.Span(600, 600));
    }
}
