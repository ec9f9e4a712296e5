package io.ccpulse.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ccpulse.domain.report.Comparison.Kind;
import io.ccpulse.domain.report.Comparison.Range;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Comparison periods: previous and last year, across month ends, leap years and DST")
class ComparisonTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(BERLIN).toInstant();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // range (local, Berlin)                    kind        expected range (local)
                Arguments.of("2028-03-01", "2028-04-01", Kind.PREVIOUS, "2028-02-01", "2028-03-01"),   // month -> Feb (29 d)
                Arguments.of("2027-03-01", "2027-04-01", Kind.PREVIOUS, "2027-02-01", "2027-03-01"),   // month -> Feb (28 d)
                Arguments.of("2028-02-01", "2028-03-01", Kind.LAST_YEAR, "2027-02-01", "2027-03-01"),  // leap Feb -> Feb
                Arguments.of("2028-02-29", "2028-03-01", Kind.LAST_YEAR, "2027-02-28", "2027-03-01"),  // 29 Feb -> 28 Feb
                Arguments.of("2028-02-29", "2028-03-01", Kind.PREVIOUS, "2028-02-28", "2028-02-29"),   // a day -> the day before
                Arguments.of("2028-03-01", "2028-03-02", Kind.PREVIOUS, "2028-02-29", "2028-03-01"),   // 1 Mar -> 29 Feb
                Arguments.of("2029-03-01", "2029-03-02", Kind.LAST_YEAR, "2028-03-01", "2028-03-02"),
                Arguments.of("2028-01-31", "2028-02-01", Kind.PREVIOUS, "2028-01-30", "2028-01-31"),   // month end, a day
                Arguments.of("2028-04-01", "2028-07-01", Kind.PREVIOUS, "2028-01-01", "2028-04-01"),   // a quarter
                Arguments.of("2028-01-01", "2029-01-01", Kind.PREVIOUS, "2027-01-01", "2028-01-01"),   // a year
                Arguments.of("2028-01-01", "2029-01-01", Kind.LAST_YEAR, "2027-01-01", "2028-01-01"),
                Arguments.of("2027-12-27", "2028-01-03", Kind.PREVIOUS, "2027-12-20", "2027-12-27"),   // a week over new year
                Arguments.of("2028-02-15", "2028-03-15", Kind.PREVIOUS, "2028-01-17", "2028-02-15"),   // 29 days (leap Feb) back
                Arguments.of("2026-03-30", "2026-03-31", Kind.PREVIOUS, "2026-03-29", "2026-03-30"));  // after the 23 h day
    }

    @ParameterizedTest(name = "{0}..{1} {2} -> {3}..{4}")
    @MethodSource("cases")
    @DisplayName("whole days and months shift by calendar")
    void shifts(String from, String to, Kind kind, String expFrom, String expTo) {
        Range r = Comparison.shift(day(from), day(to), BERLIN, kind);
        assertEquals(new Range(day(expFrom), day(expTo)), r);
    }

    @Test
    @DisplayName("a daylight-saving day keeps its local midnights: the 23-hour day 2026-03-29 compares with the 24-hour day before")
    void dst() {
        Range r = Comparison.shift(day("2026-03-29"), day("2026-03-30"), BERLIN, Kind.PREVIOUS);
        assertEquals(new Range(day("2026-03-28"), day("2026-03-29")), r);
        assertEquals(24 * 3600, r.to().getEpochSecond() - r.from().getEpochSecond());
    }

    @Test
    @DisplayName("a range that is not whole days moves back by its exact length; last year keeps the local times")
    void hours() {
        Range r = Comparison.shift(at("2028-02-29T08:00"), at("2028-02-29T12:30"), BERLIN, Kind.PREVIOUS);
        assertEquals(new Range(at("2028-02-29T03:30"), at("2028-02-29T08:00")), r);
        Range y = Comparison.shift(at("2028-02-29T08:00"), at("2028-02-29T12:30"), BERLIN, Kind.LAST_YEAR);
        assertEquals(new Range(at("2027-02-28T08:00"), at("2027-02-28T12:30")), y);
    }

    @Test
    @DisplayName("change and relative change; null where a value is missing or the earlier one is 0")
    void change() {
        assertEquals(0.05, Comparison.change(0.85, 0.80), 1e-12);
        assertEquals(0.0625, Comparison.relativeChange(0.85, 0.80), 1e-12);
        assertEquals(0.5, Comparison.relativeChange(-1.0, -2.0), 1e-12, "NPS -2 to -1: up by half of its size");
        assertNull(Comparison.change(null, 1.0));
        assertNull(Comparison.relativeChange(1.0, 0.0));
        assertEquals(Kind.LAST_YEAR, Kind.parse(" last_year"));
        assertNull(Kind.parse("yesterday"));
    }
}
