package io.ccpulse.ingest;

import io.ccpulse.domain.event.AgentLogin;
import io.ccpulse.domain.event.AgentLogout;
import io.ccpulse.domain.event.AgentStatus;
import io.ccpulse.domain.event.AgentStatusValue;
import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.ContactAbandoned;
import io.ccpulse.domain.event.ContactAnswered;
import io.ccpulse.domain.event.ContactBlocked;
import io.ccpulse.domain.event.ContactDialed;
import io.ccpulse.domain.event.ContactEnded;
import io.ccpulse.domain.event.ContactHeld;
import io.ccpulse.domain.event.ContactMessage;
import io.ccpulse.domain.event.ContactMissed;
import io.ccpulse.domain.event.ContactOffered;
import io.ccpulse.domain.event.ContactQueued;
import io.ccpulse.domain.event.ContactResumed;
import io.ccpulse.domain.event.ContactSurvey;
import io.ccpulse.domain.event.ContactTransferred;
import io.ccpulse.domain.event.ContactWrapped;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.event.EndedBy;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.EventType;
import io.ccpulse.domain.event.Sender;
import io.ccpulse.domain.event.TicketAssigned;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.domain.event.TicketEscalated;
import io.ccpulse.domain.event.TicketReopened;
import io.ccpulse.domain.event.TicketResolved;
import io.ccpulse.domain.event.TicketResponded;
import io.ccpulse.domain.event.WireEnum;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates one JSON event against the contract v1 (EVENTS.md) and turns it into an {@link Event}.
 * It stops at the first problem and names the field and the reason. Unknown extra fields are
 * ignored. Rules beyond the contract's text, chosen for safety and written down in the README:
 * identifiers (contact, agent, queue, ticket, customer, team) are 1..128 characters; free text
 * (reason, disposition, name, category) at most 256; {@code time} with more than millisecond
 * precision is truncated to milliseconds; an event more than {@code maxClockSkew} in the future
 * of the server clock is rejected.
 */
public final class EventParser {

    static final int MAX_ID = 128;
    static final int MAX_TEXT = 256;

    private final long maxFutureMs;

    /** @param maxFutureMs how far in the future of {@code nowMs} (passed to {@link #parse}) an event may be */
    public EventParser(long maxFutureMs) {
        this.maxFutureMs = maxFutureMs;
    }

    /** Either the event or why not; exactly one of the two is non-null. */
    public record Result(ParsedEvent event, Rejection rejection) { }

    /** Checks {@code value} (an element of the batch, any JSON value) at position {@code index}. */
    public Result parse(Object value, int index, long nowMs) {
        return parse(value, null, index, nowMs);
    }

    /**
     * As {@link #parse(Object, int, long)}, storing {@code raw} (the request's own text of this value) when
     * it is not null instead of encoding the parsed object again.
     */
    public Result parse(Object value, String raw, int index, long nowMs) {
        if (!(value instanceof JsonObject)) {
            return new Result(null, new Rejection(index, null, "", "an event must be a JSON object", Rejection.MALFORMED));
        }
        JsonObject o = (JsonObject) value;
        Object rawId = o.getValue("id");
        String id = rawId instanceof String && !((String) rawId).isEmpty() && ((String) rawId).length() <= MAX_ID
                ? (String) rawId : null;
        try {
            Event e = event(new Fields(o), nowMs);
            return new Result(new ParsedEvent(index, e, raw != null ? raw : o.encode()), null);
        } catch (InvalidEvent bad) {
            return new Result(null, new Rejection(index, id, bad.field, bad.getMessage(), bad.category));
        }
    }

    private Event event(Fields f, long nowMs) throws InvalidEvent {
        String id = f.id("id");
        String typeName = f.string("type", true, 64);
        EventType type = EventType.fromWireName(typeName);
        if (type == null) {
            throw new InvalidEvent("type", "unknown event type '" + typeName + "'", Rejection.UNKNOWN_TYPE);
        }
        Instant time = f.time("time", true);
        if (time.toEpochMilli() > nowMs + maxFutureMs) {
            throw new InvalidEvent("time", "is more than " + (maxFutureMs / 1000) + " s in the future of the server clock",
                    Rejection.INVALID);
        }
        switch (type) {
            case AGENT_LOGIN:
                return new AgentLogin(id, time, f.id("agent"), f.text("name"), f.optId("team"), f.idList("queues"));
            case AGENT_STATUS:
                return new AgentStatus(id, time, f.id("agent"), f.enumValue("status", AgentStatusValue.class, true),
                        f.text("reason"));
            case AGENT_LOGOUT:
                return new AgentLogout(id, time, f.id("agent"));
            case CONTACT_QUEUED: {
                Direction d = f.enumValue("direction", Direction.class, false);
                return new ContactQueued(id, time, f.id("contact"), f.enumValue("channel", Channel.class, true),
                        f.id("queue"), f.optId("customer"), d == null ? Direction.INBOUND : d, f.priority("priority"));
            }
            case CONTACT_OFFERED:
                return new ContactOffered(id, time, f.id("contact"), f.id("agent"));
            case CONTACT_MISSED:
                return new ContactMissed(id, time, f.id("contact"), f.id("agent"));
            case CONTACT_ANSWERED:
                return new ContactAnswered(id, time, f.id("contact"), f.id("agent"));
            case CONTACT_HELD:
                return new ContactHeld(id, time, f.id("contact"));
            case CONTACT_RESUMED:
                return new ContactResumed(id, time, f.id("contact"));
            case CONTACT_MESSAGE:
                return new ContactMessage(id, time, f.id("contact"), f.enumValue("from", Sender.class, true));
            case CONTACT_TRANSFERRED: {
                String toQueue = f.optId("to_queue");
                String toAgent = f.optId("to_agent");
                if (toQueue != null && toAgent != null) {
                    throw new InvalidEvent("to_agent", "give to_queue or to_agent, not both", Rejection.INVALID);
                }
                return new ContactTransferred(id, time, f.id("contact"), f.id("agent"), toQueue, toAgent);
            }
            case CONTACT_ENDED:
                return new ContactEnded(id, time, f.id("contact"), f.enumValue("ended_by", EndedBy.class, false));
            case CONTACT_ABANDONED:
                return new ContactAbandoned(id, time, f.id("contact"));
            case CONTACT_WRAPPED:
                return new ContactWrapped(id, time, f.id("contact"), f.id("agent"), f.bool("resolved"),
                        f.text("disposition"));
            case CONTACT_BLOCKED:
                return new ContactBlocked(id, time, f.id("contact"), f.enumValue("channel", Channel.class, true),
                        f.id("queue"));
            case CONTACT_DIALED:
                return new ContactDialed(id, time, f.id("contact"), f.id("agent"),
                        f.enumValue("channel", Channel.class, true), f.optId("queue"), f.optId("customer"));
            case CONTACT_SURVEY: {
                Integer csat = f.integer("csat", 1, 5);
                Integer nps = f.integer("nps", 0, 10);
                if (csat == null && nps == null) {
                    throw new InvalidEvent("csat", "a survey needs csat (1..5), nps (0..10) or both",
                            Rejection.MISSING);
                }
                return new ContactSurvey(id, time, f.id("contact"), csat, nps);
            }
            case TICKET_CREATED:
                return new TicketCreated(id, time, f.id("ticket"), f.id("queue"), f.priority("priority"),
                        f.optId("customer"), f.text("category"), f.time("first_response_due", false),
                        f.time("resolution_due", false));
            case TICKET_ASSIGNED:
                return new TicketAssigned(id, time, f.id("ticket"), f.id("agent"));
            case TICKET_RESPONDED:
                return new TicketResponded(id, time, f.id("ticket"), f.id("agent"));
            case TICKET_ESCALATED:
                return new TicketEscalated(id, time, f.id("ticket"), f.integer("level", 0, 1000));
            case TICKET_RESOLVED:
                return new TicketResolved(id, time, f.id("ticket"), f.optId("agent"));
            case TICKET_REOPENED:
                return new TicketReopened(id, time, f.id("ticket"));
            default:
                throw new IllegalStateException("no parser for " + type);
        }
    }

    /** Typed access to the fields of one event object; each getter throws with the field name. */
    private static final class Fields {
        private final JsonObject o;

        Fields(JsonObject o) {
            this.o = o;
        }

        private Object value(String field) {
            Object v = o.getValue(field);
            return v;
        }

        String string(String field, boolean required, int max) throws InvalidEvent {
            Object v = value(field);
            if (v == null) {
                if (required) {
                    throw new InvalidEvent(field, "is required", Rejection.MISSING);
                }
                return null;
            }
            if (!(v instanceof String)) {
                throw new InvalidEvent(field, "must be a string", Rejection.INVALID);
            }
            String s = (String) v;
            if (s.isEmpty()) {
                throw new InvalidEvent(field, "must not be empty", Rejection.INVALID);
            }
            if (s.length() > max) {
                throw new InvalidEvent(field, "is longer than " + max + " characters", Rejection.INVALID);
            }
            return s;
        }

        String id(String field) throws InvalidEvent {
            return string(field, true, MAX_ID);
        }

        String optId(String field) throws InvalidEvent {
            return string(field, false, MAX_ID);
        }

        String text(String field) throws InvalidEvent {
            return string(field, false, MAX_TEXT);
        }

        /** A priority may be a string or a whole number; kept as text. */
        String priority(String field) throws InvalidEvent {
            Object v = value(field);
            if (v instanceof Number) {
                return String.valueOf(wholeNumber(field, (Number) v));
            }
            return string(field, false, 32);
        }

        Instant time(String field, boolean required) throws InvalidEvent {
            String s = string(field, required, 64);
            if (s == null) {
                return null;
            }
            Instant fast = fastTime(s);
            if (fast != null) {
                return fast;
            }
            try {
                return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                        .truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new InvalidEvent(field, "'" + s + "' is not an RFC 3339 timestamp with offset or Z "
                        + "(example: 2026-11-23T08:01:00.250Z)", Rejection.INVALID);
            }
        }

        <E extends Enum<E> & WireEnum> E enumValue(String field, Class<E> type, boolean required) throws InvalidEvent {
            String s = string(field, required, 64);
            if (s == null) {
                return null;
            }
            E e = WireEnum.parse(type, s);
            if (e == null) {
                throw new InvalidEvent(field, "'" + s + "' is not one of " + WireEnum.allowed(type), Rejection.INVALID);
            }
            return e;
        }

        Boolean bool(String field) throws InvalidEvent {
            Object v = value(field);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Boolean)) {
                throw new InvalidEvent(field, "must be true or false", Rejection.INVALID);
            }
            return (Boolean) v;
        }

        Integer integer(String field, int min, int max) throws InvalidEvent {
            Object v = value(field);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Number)) {
                throw new InvalidEvent(field, "must be a whole number " + min + ".." + max, Rejection.INVALID);
            }
            long n = wholeNumber(field, (Number) v);
            if (n < min || n > max) {
                throw new InvalidEvent(field, n + " is out of range " + min + ".." + max, Rejection.INVALID);
            }
            return (int) n;
        }

        private long wholeNumber(String field, Number n) throws InvalidEvent {
            if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
                return n.longValue();
            }
            if (n instanceof BigInteger) {
                if (((BigInteger) n).bitLength() < 63) {
                    return n.longValue();
                }
            } else {
                BigDecimal d = n instanceof BigDecimal ? (BigDecimal) n : BigDecimal.valueOf(n.doubleValue());
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    // fall through: not whole or too large
                }
            }
            throw new InvalidEvent(field, n + " is not a whole number", Rejection.INVALID);
        }

        List<String> idList(String field) throws InvalidEvent {
            Object v = value(field);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof JsonArray)) {
                throw new InvalidEvent(field, "must be an array of strings", Rejection.INVALID);
            }
            List<String> out = new ArrayList<>();
            for (Object item : (JsonArray) v) {
                if (!(item instanceof String) || ((String) item).isEmpty() || ((String) item).length() > MAX_ID) {
                    throw new InvalidEvent(field, "must be an array of non-empty strings of at most " + MAX_ID
                            + " characters", Rejection.INVALID);
                }
                out.add((String) item);
            }
            return List.copyOf(out);
        }
    }

    /**
     * The common timestamp shape {@code yyyy-MM-ddTHH:mm:ss[.f...](Z|+HH:MM|-HH:MM)} parsed without
     * {@link DateTimeFormatter} (which took a tenth of the service's CPU at high ingest rates), truncated
     * to milliseconds; null for anything else (another shape, or a value out of range), which then goes
     * through {@code ISO_OFFSET_DATE_TIME} as before, so what is accepted and what it means is unchanged.
     */
    static Instant fastTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 + 3 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 17 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
    }

    /** The non-negative number written with exactly {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
