package io.ccpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.AgentLogin;
import io.ccpulse.domain.event.ContactQueued;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.event.EventType;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.support.Examples;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventParserTest {

    private static final long NOW = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private final EventParser parser = new EventParser(3_600_000);

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    @DisplayName("A valid example of every event type is accepted with its type, id and time")
    void everyTypeAccepted(EventType type) {
        EventParser.Result r = parser.parse(Examples.of(type, "e-" + type.ordinal()), 7, NOW);
        assertNull(r.rejection(), () -> String.valueOf(r.rejection()));
        assertEquals(type, r.event().event().type());
        assertEquals("e-" + type.ordinal(), r.event().event().id());
        assertEquals(Instant.parse("2026-11-23T08:01:00.250Z"), r.event().event().time());
        assertEquals(7, r.event().index());
    }

    @Test
    @DisplayName("Optional fields are read: queues list, inbound default, numeric priority as text, due times with offsets")
    void optionalFields() {
        AgentLogin login = (AgentLogin) parser.parse(Examples.of(EventType.AGENT_LOGIN, "x"), 0, NOW).event().event();
        assertEquals(List.of("billing"), login.queues());
        assertEquals("billing-1", login.team());
        JsonObject q = Examples.of(EventType.CONTACT_QUEUED, "q");
        q.remove("direction");
        ContactQueued queued = (ContactQueued) parser.parse(q, 0, NOW).event().event();
        assertEquals(Direction.INBOUND, queued.direction());
        assertEquals("2", queued.priority());
        TicketCreated t = (TicketCreated) parser.parse(Examples.of(EventType.TICKET_CREATED, "t"), 0, NOW).event().event();
        assertEquals(Instant.parse("2026-11-24T07:00:00Z"), t.resolutionDue());
    }

    @Test
    @DisplayName("Unknown extra fields are ignored and kept in the stored JSON")
    void unknownFieldsKept() {
        JsonObject o = Examples.of(EventType.CONTACT_HELD, "h").put("vendor_x", 42);
        EventParser.Result r = parser.parse(o, 0, NOW);
        assertNotNull(r.event());
        assertTrue(r.event().json().contains("\"vendor_x\":42"));
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                // type, field to change, new value (null = remove), expected field, expected words in the reason
                Arguments.of(EventType.CONTACT_QUEUED, "id", null, "id", "is required"),
                Arguments.of(EventType.CONTACT_QUEUED, "id", "", "id", "must not be empty"),
                Arguments.of(EventType.CONTACT_QUEUED, "id", "x".repeat(129), "id", "longer than 128"),
                Arguments.of(EventType.CONTACT_QUEUED, "id", 17, "id", "must be a string"),
                Arguments.of(EventType.CONTACT_QUEUED, "type", null, "type", "is required"),
                Arguments.of(EventType.CONTACT_QUEUED, "type", "contact.teleported", "type", "unknown event type"),
                Arguments.of(EventType.CONTACT_QUEUED, "time", null, "time", "is required"),
                Arguments.of(EventType.CONTACT_QUEUED, "time", "2026-11-23T08:01:00", "time", "RFC 3339"),
                Arguments.of(EventType.CONTACT_QUEUED, "time", "yesterday", "time", "RFC 3339"),
                Arguments.of(EventType.CONTACT_QUEUED, "time", "2026-11-23T12:00:00Z", "time", "in the future"),
                Arguments.of(EventType.CONTACT_QUEUED, "contact", null, "contact", "is required"),
                Arguments.of(EventType.CONTACT_QUEUED, "channel", "fax", "channel", "voice, chat, email, messaging"),
                Arguments.of(EventType.CONTACT_QUEUED, "queue", null, "queue", "is required"),
                Arguments.of(EventType.CONTACT_QUEUED, "direction", "sideways", "direction", "inbound, outbound"),
                Arguments.of(EventType.CONTACT_QUEUED, "priority", 1.5, "priority", "not a whole number"),
                Arguments.of(EventType.CONTACT_OFFERED, "agent", null, "agent", "is required"),
                Arguments.of(EventType.CONTACT_MISSED, "agent", null, "agent", "is required"),
                Arguments.of(EventType.CONTACT_ANSWERED, "agent", 5, "agent", "must be a string"),
                Arguments.of(EventType.CONTACT_HELD, "contact", null, "contact", "is required"),
                Arguments.of(EventType.CONTACT_RESUMED, "contact", "", "contact", "must not be empty"),
                Arguments.of(EventType.CONTACT_MESSAGE, "from", "bot", "from", "customer, agent"),
                Arguments.of(EventType.CONTACT_MESSAGE, "from", null, "from", "is required"),
                Arguments.of(EventType.CONTACT_TRANSFERRED, "to_agent", "a-2", "to_agent", "not both"),
                Arguments.of(EventType.CONTACT_TRANSFERRED, "agent", null, "agent", "is required"),
                Arguments.of(EventType.CONTACT_ENDED, "ended_by", "robot", "ended_by", "customer, agent, system"),
                Arguments.of(EventType.CONTACT_ABANDONED, "contact", null, "contact", "is required"),
                Arguments.of(EventType.CONTACT_WRAPPED, "resolved", "yes", "resolved", "true or false"),
                Arguments.of(EventType.CONTACT_WRAPPED, "agent", null, "agent", "is required"),
                Arguments.of(EventType.CONTACT_BLOCKED, "channel", null, "channel", "is required"),
                Arguments.of(EventType.CONTACT_DIALED, "channel", "pigeon", "channel", "voice, chat"),
                Arguments.of(EventType.CONTACT_SURVEY, "csat", 0, "csat", "out of range 1..5"),
                Arguments.of(EventType.CONTACT_SURVEY, "csat", 6, "csat", "out of range 1..5"),
                Arguments.of(EventType.CONTACT_SURVEY, "csat", -1, "csat", "out of range 1..5"),
                Arguments.of(EventType.CONTACT_SURVEY, "csat", 4.5, "csat", "not a whole number"),
                Arguments.of(EventType.CONTACT_SURVEY, "nps", 11, "nps", "out of range 0..10"),
                Arguments.of(EventType.CONTACT_SURVEY, "nps", "9", "nps", "whole number"),
                Arguments.of(EventType.AGENT_LOGIN, "agent", null, "agent", "is required"),
                Arguments.of(EventType.AGENT_LOGIN, "queues", "billing", "queues", "array of strings"),
                Arguments.of(EventType.AGENT_LOGIN, "queues", new io.vertx.core.json.JsonArray().add(3), "queues", "array"),
                Arguments.of(EventType.AGENT_STATUS, "status", "busy", "status", "available, away"),
                Arguments.of(EventType.AGENT_STATUS, "status", null, "status", "is required"),
                Arguments.of(EventType.AGENT_LOGOUT, "agent", null, "agent", "is required"),
                Arguments.of(EventType.TICKET_CREATED, "queue", null, "queue", "is required"),
                Arguments.of(EventType.TICKET_CREATED, "first_response_due", "soon", "first_response_due", "RFC 3339"),
                Arguments.of(EventType.TICKET_CREATED, "resolution_due", 5, "resolution_due", "must be a string"),
                Arguments.of(EventType.TICKET_ASSIGNED, "agent", null, "agent", "is required"),
                Arguments.of(EventType.TICKET_RESPONDED, "ticket", null, "ticket", "is required"),
                Arguments.of(EventType.TICKET_ESCALATED, "level", -2, "level", "out of range"),
                Arguments.of(EventType.TICKET_RESOLVED, "agent", "", "agent", "must not be empty"),
                Arguments.of(EventType.TICKET_REOPENED, "ticket", 9, "ticket", "must be a string"));
    }

    @ParameterizedTest(name = "{0}: {1}={2}")
    @MethodSource("badEvents")
    @DisplayName("A bad field is rejected naming the event's index and id, the field and the reason")
    void badFieldRejected(EventType type, String field, Object value, String expectedField, String reasonPart) {
        JsonObject o = Examples.of(type, "bad-1");
        if (value == null) {
            o.remove(field);
        } else {
            o.put(field, value);
        }
        EventParser.Result r = parser.parse(o, 3, NOW);
        assertNull(r.event());
        assertEquals(3, r.rejection().index());
        assertEquals(expectedField, r.rejection().field());
        assertTrue(r.rejection().reason().contains(reasonPart), r.rejection().reason());
        if (!"id".equals(field)) {
            assertEquals("bad-1", r.rejection().id());
        }
    }

    @Test
    @DisplayName("A survey with neither csat nor nps is rejected")
    void emptySurvey() {
        JsonObject o = Examples.of(EventType.CONTACT_SURVEY, "s");
        o.remove("csat");
        o.remove("nps");
        Rejection r = parser.parse(o, 0, NOW).rejection();
        assertEquals("csat", r.field());
        assertEquals(Rejection.MISSING, r.category());
    }

    @Test
    @DisplayName("A JSON value that is not an object is rejected as malformed")
    void notAnObject() {
        Rejection r = parser.parse(42, 5, NOW).rejection();
        assertEquals(5, r.index());
        assertEquals("", r.field());
        assertEquals(Rejection.MALFORMED, r.category());
    }

    @Test
    @DisplayName("Timestamps with an offset are converted to UTC and truncated to milliseconds")
    void offsets() {
        JsonObject o = Examples.of(EventType.CONTACT_HELD, "h").put("time", "2026-11-23T09:01:00.123456+01:00");
        assertEquals(Instant.parse("2026-11-23T08:01:00.123Z"), parser.parse(o, 0, NOW).event().event().time());
    }
}
