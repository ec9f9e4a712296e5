package io.ccpulse.domain.engine;

/**
 * The kinds of odd events the engine counts (label {@code kind} of {@code ccpulse_engine_anomalies_total}).
 * The engine never throws on an odd event: it picks the behaviour documented here and in DESIGN.md
 * ("Odd events"), and counts the kind.
 */
public final class Anomaly {

    private Anomaly() {
    }

    /** An event for a contact the engine never saw (offered, missed, held, resumed, message, transferred, ended, abandoned, wrapped): ignored. */
    public static final String UNKNOWN_CONTACT = "unknown_contact";
    /** An event for a contact that is already over (ContactFact written, or still in memory for 24 h): ignored. */
    public static final String CONTACT_ALREADY_OVER = "contact_already_over";
    /** contact.queued for the queue the contact is already waiting in: ignored. */
    public static final String QUEUED_TWICE = "queued_twice";
    /** contact.queued while agents are connected, without a transfer: treated as a transfer to that queue. */
    public static final String QUEUED_WHILE_CONNECTED = "queued_while_connected";
    /** contact.offered to an agent already ringing for the contact: ignored (still the agent's activity). */
    public static final String OFFERED_TWICE = "offered_twice";
    /** contact.offered while the contact is neither queued nor being transferred: the agent rings anyway. */
    public static final String OFFERED_NOT_QUEUED = "offered_not_queued";
    /** contact.missed by an agent that was not ringing for the contact: ignored. */
    public static final String MISSED_NOT_RINGING = "missed_not_ringing";
    /** contact.answered for a contact never queued (or not queued now, with no transfer): a direct answer, no queue visit. */
    public static final String ANSWERED_WITHOUT_QUEUE = "answered_without_queue";
    /** contact.answered by an agent already connected to the contact: ignored. */
    public static final String ANSWERED_TWICE = "answered_twice";
    /** contact.answered by a second agent while another is connected, without a transfer: a second, parallel segment. */
    public static final String ANSWERED_WHILE_CONNECTED = "answered_while_connected";
    /** contact.held while no agent is connected: ignored. */
    public static final String HOLD_NOT_CONNECTED = "hold_not_connected";
    /** contact.held while already on hold: ignored (the first hold start counts). */
    public static final String HELD_TWICE = "held_twice";
    /** contact.resumed while not on hold: ignored. */
    public static final String RESUME_NOT_HELD = "resume_not_held";
    /** contact.transferred by an agent not connected to a contact that is not queued: ignored. */
    public static final String TRANSFER_NOT_CONNECTED = "transfer_not_connected";
    /** contact.ended / contact.abandoned for a contact that already ended (its after-contact work may still run): ignored. */
    public static final String ENDED_TWICE = "ended_twice";
    /** contact.abandoned while the contact is not queued (connected or between transfer and queue): treated as contact.ended. */
    public static final String ABANDONED_NOT_QUEUED = "abandoned_not_queued";
    /** contact.wrapped by an agent who never handled the contact: ignored. */
    public static final String WRAP_WITHOUT_SEGMENT = "wrap_without_segment";
    /** contact.wrapped while the agent is still connected: talk and ACW end at the wrap (ACW 0). */
    public static final String WRAP_WHILE_CONNECTED = "wrap_while_connected";
    /** contact.wrapped after the segment was already closed by the ACW cap: only the contact's resolved flag is kept. */
    public static final String WRAP_AFTER_ACW_CLOSED = "wrap_after_acw_closed";
    /** contact.blocked for a contact that is queued or connected: ignored. */
    public static final String BLOCKED_ACTIVE_CONTACT = "blocked_active_contact";
    /** contact.dialed for a contact id already in use: ignored. */
    public static final String DIALED_EXISTING_CONTACT = "dialed_existing_contact";
    /** contact.survey for a contact unknown (or over for more than 24 h): a SurveyFact without queue and agent. */
    public static final String SURVEY_UNKNOWN_CONTACT = "survey_unknown_contact";
    /** agent.status or contact activity (offered, answered, dialed) of an agent not logged in: logged in at that time. */
    public static final String IMPLICIT_LOGIN = "implicit_login";
    /** agent.login of an agent already logged in: name, team and queues updated, status available, session goes on. */
    public static final String LOGIN_WHILE_LOGGED_IN = "login_while_logged_in";
    /** agent.logout of an agent not logged in: ignored. */
    public static final String LOGOUT_WITHOUT_LOGIN = "logout_without_login";
    /** A live contact without any event for 24 h of event time: dropped from the live state by the hourly sweep (on the hour, event time), no facts. */
    public static final String STALE_CONTACT_EVICTED = "stale_contact_evicted";
    /** A ticket event (other than ticket.created) for a ticket never created, or already forgotten: ignored. */
    public static final String UNKNOWN_TICKET = "unknown_ticket";
    /** ticket.created for a ticket that exists (open, or resolved and still remembered): ignored. */
    public static final String TICKET_CREATED_TWICE = "ticket_created_twice";
    /** ticket.assigned, ticket.responded or ticket.escalated for a resolved ticket: ignored. */
    public static final String TICKET_NOT_OPEN = "ticket_not_open";
    /** ticket.resolved for a ticket already resolved: ignored (the first resolution stands). */
    public static final String TICKET_RESOLVED_TWICE = "ticket_resolved_twice";
    /** ticket.reopened for a ticket that is open: ignored. */
    public static final String TICKET_REOPENED_WHILE_OPEN = "ticket_reopened_while_open";
    /** An open ticket without any event for 90 days of event time: dropped from the live state, no fact. */
    public static final String STALE_TICKET_EVICTED = "stale_ticket_evicted";
    /** An event type the engine has no handler for (a bug; the test over all event types keeps it at 0). */
    public static final String UNHANDLED_EVENT_TYPE = "unhandled_event_type";
}
