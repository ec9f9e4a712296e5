package io.ccpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.settings.TicketSla;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
                        "queues.it.ticket_sla.P1", "appears twice"));
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
