package io.ccpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.settings.BusinessHours;
import io.ccpulse.domain.settings.TicketSla;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Config: ticket SLA policy")
class TicketSlaConfigTest {

    @TempDir
    Path dir;

    private static final Map<String, String> MINIMAL = Map.of("CCPULSE_DB_USER", "u", "CCPULSE_INGEST_TOKENS", "pbx:secret");

    private Config load(String yaml) throws IOException {
        Path f = dir.resolve("c.yml");
        Files.writeString(f, yaml);
        return Config.load(f, MINIMAL);
    }

    @Test
    @DisplayName("without ticket_sla every queue has the built-in policy: first response 4 h, resolution 3 d")
    void builtIn() {
        TicketSla s = Config.load(null, MINIMAL).settings().queue("any").ticketSla();
        assertEquals(TicketSla.DEFAULT, s);
        assertEquals(Duration.ofHours(4), s.forPriority("p1").firstResponse());
        assertEquals(Duration.ofDays(3), s.forPriority(null).resolution());
    }

    @Test
    @DisplayName("defaults and per-queue policies layer by priority; a missing field comes from the base entry or the default; none = no due time")
    void layering() throws IOException {
        Config c = load("queues:\n"
                + "  defaults:\n"
                + "    ticket_sla:\n"
                + "      default: {first_response: 8h, resolution: 5d}\n"
                + "      P1: {first_response: 1h, resolution: 8h}\n"
                + "      2: {first_response: 2h}\n"
                + "  it:\n"
                + "    ticket_sla:\n"
                + "      p1: {resolution: 4h}\n"
                + "      low: {first_response: none, resolution: none}\n"
                + "  billing: {}\n");
        TicketSla d = c.settings().queue("other").ticketSla();
        assertEquals(new TicketSla.Due(Duration.ofHours(8), Duration.ofDays(5)), d.fallback());
        assertEquals(new TicketSla.Due(Duration.ofHours(1), Duration.ofHours(8)), d.forPriority("p1"));
        assertEquals(new TicketSla.Due(Duration.ofHours(2), Duration.ofDays(5)), d.forPriority("2"),
                "resolution from this policy's default");
        TicketSla it = c.settings().queue("it").ticketSla();
        assertEquals(new TicketSla.Due(Duration.ofHours(1), Duration.ofHours(4)), it.forPriority("P1"),
                "first response from the defaults' p1");
        assertEquals(new TicketSla.Due(Duration.ofHours(2), Duration.ofDays(5)), it.forPriority("2"), "inherited");
        assertNull(it.forPriority("LOW").firstResponse());
        assertNull(it.forPriority("low").resolution());
        assertEquals(d, c.settings().queue("billing").ticketSla());
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of("queues:\n  it:\n    ticket_sla: 4h\n", "queues.it.ticket_sla", "mapping of priorities"),
                Arguments.of("queues:\n  it:\n    ticket_sla:\n      p1: 4h\n", "queues.it.ticket_sla.p1",
                        "{first_response: 4h, resolution: 3d}"),
                Arguments.of("queues:\n  it:\n    ticket_sla:\n      p1: {first_respons: 4h}\n",
                        "queues.it.ticket_sla.p1.first_respons", "unknown setting"),
                Arguments.of("queues:\n  it:\n    ticket_sla:\n      p1: {resolution: soon}\n",
                        "queues.it.ticket_sla.p1.resolution", "not a duration"),
                Arguments.of("queues:\n  it:\n    ticket_sla:\n      default: {resolution: 0s}\n",
                        "queues.it.ticket_sla.default.resolution", "more than 0"),
                Arguments.of("queues:\n  it:\n    ticket_sla:\n      p1: {resolution: 1h}\n      P1: {resolution: 2h}\n",
                        "queues.it.ticket_sla.P1", "appears twice"),
                Arguments.of("queues:\n  it:\n    business_hours: {mon: 18:00-08:00}\n",
                        "queues.it.business_hours.mon", "not an open span like 08:00-18:00"),
                Arguments.of("queues:\n  it:\n    business_hours: {mon: 08:00-25:00}\n",
                        "queues.it.business_hours.mon", "not an open span"),
                Arguments.of("queues:\n  it:\n    business_hours: {monday: 08:00-18:00}\n",
                        "queues.it.business_hours.monday", "unknown setting"),
                Arguments.of("queues:\n  it:\n    business_hours: {mon: [08:00-12:00, 11:00-17:00]}\n",
                        "queues.it.business_hours", "overlap"),
                Arguments.of("queues:\n  it:\n    business_hours: {mon: 08:00-18:00, holidays: [christmas]}\n",
                        "queues.it.business_hours.holidays", "not a date"),
                Arguments.of("queues:\n  it:\n    business_hours: {holidays: [2026-12-25]}\n",
                        "queues.it.business_hours", "at least one open span"),
                Arguments.of("queues:\n  it:\n    business_hours: {mon: 08:00-18:00, time_zone: Mars/Base}\n",
                        "queues.it.business_hours.time_zone", "not a time zone"));
    }

    @Test
    @DisplayName("business_hours: spans per weekday (a list for a lunch break), holidays, a zone; inherited from the defaults; none switches them off")
    void businessHours() throws IOException {
        Config c = load("time_zone: Europe/Berlin\n"
                + "queues:\n"
                + "  defaults:\n"
                + "    business_hours:\n"
                + "      mon: 08:00-17:00\n"
                + "      tue: [08:00-12:00, '13:00-17:00']\n"
                + "      holidays: [2026-12-25]\n"
                + "  ny:\n"
                + "    business_hours: {mon: 09:00-17:00, time_zone: America/New_York}\n"
                + "  noc:\n"
                + "    business_hours: none\n");
        BusinessHours d = c.settings().queue("any").ticketSla().hours();
        assertEquals(java.time.ZoneId.of("Europe/Berlin"), d.zone(), "the service's time zone");
        assertEquals(List.of(new BusinessHours.Span(480, 1020)), d.week().get(DayOfWeek.MONDAY));
        assertEquals(List.of(new BusinessHours.Span(480, 720), new BusinessHours.Span(780, 1020)),
                d.week().get(DayOfWeek.TUESDAY));
        assertNull(d.week().get(DayOfWeek.SUNDAY), "a day left out is closed");
        assertEquals(Set.of(LocalDate.parse("2026-12-25")), d.holidays());
        // a ticket of Friday 18 December 2026 16:00 in Berlin, 4 h to respond: Monday 8-12
        assertEquals(Instant.parse("2026-12-21T11:00:00Z"), c.settings().queue("any").ticketSla()
                .firstResponseDue(null, Instant.parse("2026-12-18T15:00:00Z"), null));
        assertEquals(java.time.ZoneId.of("America/New_York"), c.settings().queue("ny").ticketSla().hours().zone());
        assertNull(c.settings().queue("noc").ticketSla().hours());
        assertEquals(Instant.parse("2026-12-18T19:00:00Z"), c.settings().queue("noc").ticketSla()
                .firstResponseDue(null, Instant.parse("2026-12-18T15:00:00Z"), null), "around the clock");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrong")
    @DisplayName("a wrong ticket_sla entry stops loading with a message naming it")
    void wrongEntries(String yaml, String setting, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
