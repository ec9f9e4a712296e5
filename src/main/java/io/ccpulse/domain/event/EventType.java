package io.ccpulse.domain.event;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Event types with their wire names. The declaration order is the contract's tie-break order for
 * events with the same {@code time} (EVENTS.md): agent.login, agent.status, contact.blocked, ...,
 * agent.logout, then tickets.
 */
public enum EventType {
    AGENT_LOGIN("agent.login"),
    AGENT_STATUS("agent.status"),
    CONTACT_BLOCKED("contact.blocked"),
    CONTACT_TRANSFERRED("contact.transferred"),
    CONTACT_DIALED("contact.dialed"),
    CONTACT_QUEUED("contact.queued"),
    CONTACT_OFFERED("contact.offered"),
    CONTACT_MISSED("contact.missed"),
    CONTACT_ANSWERED("contact.answered"),
    CONTACT_HELD("contact.held"),
    CONTACT_RESUMED("contact.resumed"),
    CONTACT_MESSAGE("contact.message"),
    CONTACT_ABANDONED("contact.abandoned"),
    CONTACT_ENDED("contact.ended"),
    CONTACT_WRAPPED("contact.wrapped"),
    CONTACT_SURVEY("contact.survey"),
    AGENT_LOGOUT("agent.logout"),
    TICKET_CREATED("ticket.created"),
    TICKET_ASSIGNED("ticket.assigned"),
    TICKET_RESPONDED("ticket.responded"),
    TICKET_ESCALATED("ticket.escalated"),
    TICKET_RESOLVED("ticket.resolved"),
    TICKET_REOPENED("ticket.reopened");

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire, e.g. {@code contact.queued}. */
    public String wireName() {
        return wireName;
    }

    /** Position in the same-time order of the contract; lower applies first. */
    public int rank() {
        return ordinal();
    }

    /** The type for a wire name, or null when unknown. */
    public static EventType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
