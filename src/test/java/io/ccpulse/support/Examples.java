package io.ccpulse.support;

import io.ccpulse.domain.event.EventType;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/** A valid example of every event type of the contract (EVENTS.md), with all optional fields set. */
public final class Examples {

    private Examples() {
    }

    public static final String TIME = "2026-11-23T08:01:00.250Z";

    private static final Map<EventType, String> FIELDS = new EnumMap<>(EventType.class);

    static {
        FIELDS.put(EventType.AGENT_LOGIN, "\"agent\":\"a-17\",\"name\":\"Ann\",\"team\":\"billing-1\",\"queues\":[\"billing\"]");
        FIELDS.put(EventType.AGENT_STATUS, "\"agent\":\"a-17\",\"status\":\"away\",\"reason\":\"lunch\"");
        FIELDS.put(EventType.AGENT_LOGOUT, "\"agent\":\"a-17\"");
        FIELDS.put(EventType.CONTACT_QUEUED, "\"contact\":\"c-9\",\"channel\":\"voice\",\"queue\":\"billing\","
                + "\"customer\":\"+8613800000000\",\"direction\":\"inbound\",\"priority\":2");
        FIELDS.put(EventType.CONTACT_OFFERED, "\"contact\":\"c-9\",\"agent\":\"a-17\"");
        FIELDS.put(EventType.CONTACT_MISSED, "\"contact\":\"c-9\",\"agent\":\"a-17\"");
        FIELDS.put(EventType.CONTACT_ANSWERED, "\"contact\":\"c-9\",\"agent\":\"a-17\"");
        FIELDS.put(EventType.CONTACT_HELD, "\"contact\":\"c-9\"");
        FIELDS.put(EventType.CONTACT_RESUMED, "\"contact\":\"c-9\"");
        FIELDS.put(EventType.CONTACT_MESSAGE, "\"contact\":\"c-9\",\"from\":\"agent\"");
        FIELDS.put(EventType.CONTACT_TRANSFERRED, "\"contact\":\"c-9\",\"agent\":\"a-17\",\"to_queue\":\"tech\"");
        FIELDS.put(EventType.CONTACT_ENDED, "\"contact\":\"c-9\",\"ended_by\":\"customer\"");
        FIELDS.put(EventType.CONTACT_ABANDONED, "\"contact\":\"c-9\"");
        FIELDS.put(EventType.CONTACT_WRAPPED, "\"contact\":\"c-9\",\"agent\":\"a-17\",\"resolved\":true,\"disposition\":\"paid\"");
        FIELDS.put(EventType.CONTACT_BLOCKED, "\"contact\":\"c-10\",\"channel\":\"voice\",\"queue\":\"billing\"");
        FIELDS.put(EventType.CONTACT_DIALED, "\"contact\":\"c-11\",\"agent\":\"a-17\",\"channel\":\"voice\",\"queue\":\"billing\","
                + "\"customer\":\"+49301234\"");
        FIELDS.put(EventType.CONTACT_SURVEY, "\"contact\":\"c-9\",\"csat\":5,\"nps\":9");
        FIELDS.put(EventType.TICKET_CREATED, "\"ticket\":\"t-1\",\"queue\":\"support\",\"priority\":\"high\",\"customer\":\"cu-1\","
                + "\"category\":\"complaint\",\"first_response_due\":\"2026-11-23T09:00:00Z\","
                + "\"resolution_due\":\"2026-11-24T08:00:00+01:00\"");
        FIELDS.put(EventType.TICKET_ASSIGNED, "\"ticket\":\"t-1\",\"agent\":\"a-17\"");
        FIELDS.put(EventType.TICKET_RESPONDED, "\"ticket\":\"t-1\",\"agent\":\"a-17\"");
        FIELDS.put(EventType.TICKET_ESCALATED, "\"ticket\":\"t-1\",\"level\":2");
        FIELDS.put(EventType.TICKET_RESOLVED, "\"ticket\":\"t-1\",\"agent\":\"a-17\"");
        FIELDS.put(EventType.TICKET_REOPENED, "\"ticket\":\"t-1\"");
    }

    /** A valid event of {@code type} with the given id. */
    public static JsonObject of(EventType type, String id) {
        return new JsonObject("{\"id\":\"" + id + "\",\"type\":\"" + type.wireName() + "\",\"time\":\"" + TIME + "\","
                + FIELDS.get(type) + "}");
    }
}
