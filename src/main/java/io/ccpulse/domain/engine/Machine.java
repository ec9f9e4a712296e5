package io.ccpulse.domain.engine;

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
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.Sender;
import io.ccpulse.domain.event.TicketAssigned;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.domain.event.TicketEscalated;
import io.ccpulse.domain.event.TicketReopened;
import io.ccpulse.domain.event.TicketResolved;
import io.ccpulse.domain.event.TicketResponded;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment.AcwEnd;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SlaStatus;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.domain.settings.TicketSla;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The contact, agent and ticket state machines: {@link #apply(Event)} is the transition function of
 * ({@link State} and {@link TicketDesk}, event), dispatched with {@code instanceof} over the sealed {@link Event}, one handler per
 * event type. It mutates the state in place (the engine keeps deep copies as checkpoints) and reports
 * facts and anomalies to an {@link Output}; the key of everything reported is {@link #current}, the event
 * being applied.
 *
 * <p>Before an event at time t, every timer due at or before t fires, in due order, at its due time
 * (ACW cap, the hourly sweep of stale contacts). Agent states are recomputed once at the end of each event or timer (so a
 * state that flickers within one instant leaves no span).
 *
 * <p>Odd events never throw: each handler documents its choice, and the kind is counted (see
 * {@link Anomaly} and the "Odd events" table in DESIGN.md).
 */
final class Machine {

    /** A live contact with no event for this long (event time) is evicted by the next hourly sweep: 24 h. */
    static final long STALE_CONTACT_MS = 24L * 3600 * 1000;
    private static final long SWEEP_EVERY_MS = 3600L * 1000;

    /** Where the machine reports what it produces. */
    interface Output {
        void fact(Fact fact);

        void anomaly(String kind);
    }

    private final Settings settings;
    private final FinishedContacts finished;
    private final TicketDesk tickets;
    private final Output out;
    State state;
    /** The event being applied: the key of every fact, anomaly and finished contact it produces. */
    Event current;
    private final LinkedHashSet<AgentSession> dirty = new LinkedHashSet<>();

    Machine(Settings settings, State state, FinishedContacts finished, TicketDesk tickets, Output out) {
        this.settings = settings;
        this.state = state;
        this.finished = finished;
        this.tickets = tickets;
        this.out = out;
    }

    /** Fires the timers due at or before the event, then applies the event. */
    void apply(Event e) {
        current = e;
        long t = e.time().toEpochMilli();
        fireDue(t);
        dispatch(e, t);
        if (state.sweepDue == Segment.NONE && !state.contacts.isEmpty()) {
            state.sweepDue = (Math.floorDiv(t, SWEEP_EVERY_MS) + 1) * SWEEP_EVERY_MS;
            schedule(state.sweepDue, Timer.Kind.SWEEP, null, 0);
        }
        flushDirty(t);
    }

    private void dispatch(Event e, long t) {
        if (e instanceof AgentLogin x) {
            onLogin(x, t);
        } else if (e instanceof AgentStatus x) {
            onStatus(x, t);
        } else if (e instanceof AgentLogout x) {
            onLogout(x, t);
        } else if (e instanceof ContactQueued x) {
            onQueued(x, t);
        } else if (e instanceof ContactOffered x) {
            onOffered(x, t);
        } else if (e instanceof ContactMissed x) {
            onMissed(x, t);
        } else if (e instanceof ContactAnswered x) {
            onAnswered(x, t);
        } else if (e instanceof ContactHeld x) {
            onHeld(x, t);
        } else if (e instanceof ContactResumed x) {
            onResumed(x, t);
        } else if (e instanceof ContactMessage x) {
            onMessage(x, t);
        } else if (e instanceof ContactTransferred x) {
            onTransferred(x, t);
        } else if (e instanceof ContactEnded x) {
            onEnded(x, t);
        } else if (e instanceof ContactAbandoned x) {
            onAbandoned(x, t);
        } else if (e instanceof ContactWrapped x) {
            onWrapped(x, t);
        } else if (e instanceof ContactBlocked x) {
            onBlocked(x, t);
        } else if (e instanceof ContactDialed x) {
            onDialed(x, t);
        } else if (e instanceof ContactSurvey x) {
            onSurvey(x, t);
        } else if (e instanceof TicketCreated x) {
            onTicketCreated(x, t);
        } else if (e instanceof TicketAssigned x) {
            onTicketAssigned(x, t);
        } else if (e instanceof TicketResponded x) {
            onTicketResponded(x, t);
        } else if (e instanceof TicketEscalated x) {
            onTicketEscalated(x, t);
        } else if (e instanceof TicketResolved x) {
            onTicketResolved(x, t);
        } else if (e instanceof TicketReopened x) {
            onTicketReopened(x, t);
        } else {
            out.anomaly(Anomaly.UNHANDLED_EVENT_TYPE);
        }
    }

    // ------------------------------------------------------------------ agents

    /**
     * agent.login: starts a staffed session, available. Odd: already logged in → name, team and queues
     * are updated, the status becomes available, the login is the agent's next activity (ends ACW); the
     * session goes on ({@link Anomaly#LOGIN_WHILE_LOGGED_IN}).
     */
    private void onLogin(AgentLogin e, long t) {
        AgentSession a = state.agentOrNew(e.agent());
        String name = e.name() != null ? e.name() : a.name;
        List<String> queues = e.queues() == null ? List.of() : List.copyOf(e.queues());
        if (a.loggedIn) {
            out.anomaly(Anomaly.LOGIN_WHILE_LOGGED_IN);
            activity(a, t);
            a.name = name;
            a.team = e.team();
            a.queues = queues;
            a.away = false;
            a.reason = null;
            dirty.add(a);
            return;
        }
        login(a, t, name, e.team(), queues);
    }

    /**
     * agent.status: available, or away with a reason; it is the agent's next activity (ends ACW). Odd: the
     * agent is not logged in → logged in at this time first ({@link Anomaly#IMPLICIT_LOGIN}).
     */
    private void onStatus(AgentStatus e, long t) {
        AgentSession a = session(e.agent(), t);
        activity(a, t);
        a.away = e.status() == AgentStatusValue.AWAY;
        a.reason = a.away ? e.reason() : null;
        dirty.add(a);
    }

    /**
     * agent.logout: ends the session. ACW ends (next activity), ringing stops; contacts still connected
     * stay with the contact (the agent is offline; when such a contact ends, its ACW ends at once). Odd:
     * not logged in → ignored ({@link Anomaly#LOGOUT_WITHOUT_LOGIN}).
     */
    private void onLogout(AgentLogout e, long t) {
        AgentSession a = state.agent(e.agent());
        if (a == null || !a.loggedIn) {
            out.anomaly(Anomaly.LOGOUT_WITHOUT_LOGIN);
            return;
        }
        activity(a, t);
        for (String cid : a.ringing) {
            ContactState c = state.contact(cid);
            if (c != null) {
                c.ringing.remove(a.id);
            }
        }
        a.ringing.clear();
        closeSpan(a, t);
        a.loggedIn = false;
        a.away = false;
        a.reason = null;
        a.spanState = null;
        a.spanReason = null;
        a.offlineSince = t;
        dirty.remove(a);
    }

    // ------------------------------------------------------------------ contacts

    /**
     * contact.queued: a new contact, or a contact entering a queue again (after a transfer): a new queue
     * visit starts. Also the channel, customer and entry queue of a contact first seen otherwise. Odd:
     * already waiting in another queue → that visit flows out (overflow) and a new one starts; already
     * waiting in the same queue → ignored ({@link Anomaly#QUEUED_TWICE}); agents connected without a
     * transfer → treated as a transfer to the queue ({@link Anomaly#QUEUED_WHILE_CONNECTED}); the contact
     * is over → ignored ({@link Anomaly#CONTACT_ALREADY_OVER}).
     */
    private void onQueued(ContactQueued e, long t) {
        ContactState c = state.contact(e.contact());
        if (c == null) {
            if (finished.get(e.contact(), t) != null) {
                out.anomaly(Anomaly.CONTACT_ALREADY_OVER);
                return;
            }
            c = newContact(e.contact(), t);
            c.direction = e.direction() != null ? e.direction() : Direction.INBOUND;
        } else if (c.ended) {
            out.anomaly(Anomaly.CONTACT_ALREADY_OVER);
            return;
        }
        touch(c, t);
        if (c.channel == null) {
            c.channel = e.channel();
        }
        if (c.customer == null) {
            c.customer = e.customer();
        }
        if (c.entryQueue == null) {
            c.entryQueue = e.queue();
        }
        if (c.firstQueuedAt == Segment.NONE) {
            c.firstQueuedAt = t;
        }
        if (c.visit != null) {
            if (c.visit.queue().equals(e.queue())) {
                out.anomaly(Anomaly.QUEUED_TWICE);
                return;
            }
            closeVisit(c, t, VisitOutcome.FLOWED_OUT, null);
        } else if (!c.transferPending && c.anyConnected()) {
            out.anomaly(Anomaly.QUEUED_WHILE_CONNECTED);
            for (Segment s : c.connectedSegments()) {
                endTalk(c, s, t, true);
            }
        }
        c.transferPending = false;
        c.visitSeq++;
        c.visit = new Visit(c.visitSeq, e.queue(), e.channel(), c.direction, c.customer, e.priority(), t);
        c.currentQueue = e.queue();
    }

    /**
     * contact.offered: the agent rings for the contact; it is the agent's next activity (ends its ACW).
     * Odd: unknown or finished contact → ignored; the agent already rings for it → ignored
     * ({@link Anomaly#OFFERED_TWICE}); the contact is neither queued nor being transferred → the agent rings
     * anyway ({@link Anomaly#OFFERED_NOT_QUEUED}); agent not logged in → implicit login.
     */
    private void onOffered(ContactOffered e, long t) {
        ContactState c = live(e.contact(), t);
        if (c == null) {
            return;
        }
        touch(c, t);
        AgentSession a = session(e.agent(), t);
        activity(a, t);
        if (c.ringing.contains(a.id)) {
            out.anomaly(Anomaly.OFFERED_TWICE);
            return;
        }
        if (c.visit == null && !c.transferPending) {
            out.anomaly(Anomaly.OFFERED_NOT_QUEUED);
        }
        c.ringing.add(a.id);
        a.ringing.add(c.id);
        dirty.add(a);
    }

    /**
     * contact.missed: the agent stops ringing; the contact stays queued. Odd: the agent was not ringing for
     * it → ignored ({@link Anomaly#MISSED_NOT_RINGING}); unknown or finished contact → ignored.
     */
    private void onMissed(ContactMissed e, long t) {
        ContactState c = live(e.contact(), t);
        if (c == null) {
            return;
        }
        touch(c, t);
        if (!c.ringing.remove(e.agent())) {
            out.anomaly(Anomaly.MISSED_NOT_RINGING);
            return;
        }
        AgentSession a = state.agent(e.agent());
        if (a != null) {
            a.ringing.remove(c.id);
            dirty.add(a);
        }
    }

    /**
     * contact.answered: the queue visit ends ANSWERED (wait = now - queued), every ringing agent stops
     * ringing, and the agent's handle segment starts; it is the agent's next activity (ends its ACW).
     * After a transfer the segment starts without a visit, in the contact's current queue. Odd: unknown
     * contact → a direct answer without queue visit, channel unknown
     * ({@link Anomaly#ANSWERED_WITHOUT_QUEUE}); not queued, not connected and no transfer → same; the agent
     * is already connected → ignored ({@link Anomaly#ANSWERED_TWICE}, except for the dialing agent of an
     * outbound contact, where it is the customer picking up); another agent is connected without a
     * transfer → a second, parallel segment ({@link Anomaly#ANSWERED_WHILE_CONNECTED}); finished contact →
     * ignored; agent not logged in → implicit login.
     */
    private void onAnswered(ContactAnswered e, long t) {
        ContactState c = state.contact(e.contact());
        if (c == null) {
            if (finished.get(e.contact(), t) != null) {
                out.anomaly(Anomaly.CONTACT_ALREADY_OVER);
                return;
            }
            out.anomaly(Anomaly.ANSWERED_WITHOUT_QUEUE);
            c = newContact(e.contact(), t);
            AgentSession a = session(e.agent(), t);
            activity(a, t);
            startSegment(c, a, t, null);
            return;
        }
        if (c.ended) {
            out.anomaly(Anomaly.CONTACT_ALREADY_OVER);
            return;
        }
        touch(c, t);
        if (c.connectedOf(e.agent()) != null) {
            if (c.direction != Direction.OUTBOUND) {
                out.anomaly(Anomaly.ANSWERED_TWICE);
            }
            return;
        }
        AgentSession a = session(e.agent(), t);
        activity(a, t);
        String queue;
        if (c.visit != null) {
            queue = c.visit.queue();
            closeVisit(c, t, VisitOutcome.ANSWERED, a.id);
        } else if (c.transferPending) {
            c.transferPending = false;
            clearRinging(c);
            queue = c.currentQueue;
        } else if (c.anyConnected()) {
            out.anomaly(Anomaly.ANSWERED_WHILE_CONNECTED);
            if (c.ringing.remove(a.id)) {
                a.ringing.remove(c.id);
            }
            queue = c.currentQueue;
        } else {
            out.anomaly(Anomaly.ANSWERED_WITHOUT_QUEUE);
            clearRinging(c);
            queue = c.currentQueue;
        }
        startSegment(c, a, t, queue);
    }

    /**
     * contact.held: a hold span starts for every connected segment. Odd: nobody connected → ignored
     * ({@link Anomaly#HOLD_NOT_CONNECTED}); already on hold → ignored ({@link Anomaly#HELD_TWICE}).
     */
    private void onHeld(ContactHeld e, long t) {
        ContactState c = live(e.contact(), t);
        if (c == null) {
            return;
        }
        touch(c, t);
        if (!c.anyConnected()) {
            out.anomaly(Anomaly.HOLD_NOT_CONNECTED);
        } else if (c.heldSince != Segment.NONE) {
            out.anomaly(Anomaly.HELD_TWICE);
        } else {
            c.heldSince = t;
        }
    }

    /** contact.resumed: the hold span ends; its length is added to every connected segment. Odd: not on hold → ignored ({@link Anomaly#RESUME_NOT_HELD}). */
    private void onResumed(ContactResumed e, long t) {
        ContactState c = live(e.contact(), t);
        if (c == null) {
            return;
        }
        touch(c, t);
        if (c.heldSince == Segment.NONE) {
            out.anomaly(Anomaly.RESUME_NOT_HELD);
            return;
        }
        for (Segment s : c.segments) {
            if (s.connected()) {
                s.holdMs += t - Math.max(c.heldSince, s.answeredAt);
            }
        }
        c.heldSince = Segment.NONE;
    }

    /**
     * contact.message: the first agent message of a contact that was queued gives its first response time
     * (now - first contact.queued; not for voice). Odd: the contact already ended → ignored
     * ({@link Anomaly#CONTACT_ALREADY_OVER}); unknown contact → ignored.
     */
    private void onMessage(ContactMessage e, long t) {
        ContactState c = live(e.contact(), t);
        if (c == null) {
            return;
        }
        touch(c, t);
        if (e.from() == Sender.AGENT && c.firstResponseMs == Segment.NONE && c.firstQueuedAt != Segment.NONE
                && c.channel != Channel.VOICE) {
            c.firstResponseMs = t - c.firstQueuedAt;
        }
    }

    /**
     * contact.transferred: by a connected agent → its talk ends (segment marked transferred, ACW starts);
     * while queued → the visit flows out. A contact.queued or contact.answered is expected next. Odd: the
     * agent is not connected and the contact not queued → ignored ({@link Anomaly#TRANSFER_NOT_CONNECTED}).
     */
    private void onTransferred(ContactTransferred e, long t) {
        ContactState c = live(e.contact(), t);
        if (c == null) {
            return;
        }
        touch(c, t);
        Segment s = c.connectedOf(e.agent());
        if (s != null) {
            endTalk(c, s, t, true);
            c.transferPending = true;
        } else if (c.visit != null) {
            closeVisit(c, t, VisitOutcome.FLOWED_OUT, null);
            c.transferPending = true;
        } else {
            out.anomaly(Anomaly.TRANSFER_NOT_CONNECTED);
        }
    }

    /**
     * contact.ended: while queued the visit ends ABANDONED; connected agents' talk ends and their ACW
     * starts. The contact is over (ContactFact) once no segment is left in ACW. Odd: already ended →
     * ignored ({@link Anomaly#ENDED_TWICE}); unknown or finished contact → ignored.
     */
    private void onEnded(ContactEnded e, long t) {
        ContactState c = state.contact(e.contact());
        if (c == null) {
            overOrUnknown(e.contact(), t, Anomaly.ENDED_TWICE);
            return;
        }
        if (c.ended) {
            out.anomaly(Anomaly.ENDED_TWICE);
            return;
        }
        end(c, t);
    }

    /**
     * contact.abandoned: the visit ends ABANDONED and the contact is over. Odd: not queued (connected, or
     * between a transfer and the next queue) → treated as contact.ended
     * ({@link Anomaly#ABANDONED_NOT_QUEUED}); already ended → ignored ({@link Anomaly#ENDED_TWICE}).
     */
    private void onAbandoned(ContactAbandoned e, long t) {
        ContactState c = state.contact(e.contact());
        if (c == null) {
            overOrUnknown(e.contact(), t, Anomaly.ENDED_TWICE);
            return;
        }
        if (c.ended) {
            out.anomaly(Anomaly.ENDED_TWICE);
            return;
        }
        if (c.visit == null) {
            out.anomaly(Anomaly.ABANDONED_NOT_QUEUED);
        }
        end(c, t);
    }

    private void end(ContactState c, long t) {
        touch(c, t);
        c.ended = true;
        c.endedAt = t;
        if (c.visit != null) {
            closeVisit(c, t, VisitOutcome.ABANDONED, null);
        }
        for (Segment s : c.connectedSegments()) {
            endTalk(c, s, t, false);
        }
        c.transferPending = false;
        clearRinging(c);
        maybeClose(c, t);
    }

    /**
     * contact.wrapped: the agent's ACW ends (WRAPPED) with resolved and disposition, or the resolved flag
     * completes a segment whose ACW the agent's next activity already ended. Odd: the agent is still
     * connected → talk and ACW end now ({@link Anomaly#WRAP_WHILE_CONNECTED}); the segment was already
     * written (ACW cap) → only the contact's resolved flag is kept ({@link Anomaly#WRAP_AFTER_ACW_CLOSED});
     * the agent never handled the contact → ignored ({@link Anomaly#WRAP_WITHOUT_SEGMENT}).
     */
    private void onWrapped(ContactWrapped e, long t) {
        ContactState c = state.contact(e.contact());
        if (c == null) {
            overOrUnknown(e.contact(), t, Anomaly.WRAP_AFTER_ACW_CLOSED);
            return;
        }
        touch(c, t);
        Segment s = c.afterTalkOf(e.agent());
        if (s == null) {
            s = c.connectedOf(e.agent());
            if (s != null) {
                out.anomaly(Anomaly.WRAP_WHILE_CONNECTED);
                endTalk(c, s, t, false);
            }
        }
        if (s == null) {
            if (c.handledBy.contains(e.agent())) {
                out.anomaly(Anomaly.WRAP_AFTER_ACW_CLOSED);
                if (e.resolved() != null) {
                    c.lastResolved = e.resolved();
                }
            } else {
                out.anomaly(Anomaly.WRAP_WITHOUT_SEGMENT);
            }
            return;
        }
        s.resolved = e.resolved();
        s.disposition = e.disposition();
        if (e.resolved() != null) {
            c.lastResolved = e.resolved();
        }
        if (s.inAcw()) {
            endAcw(c, s, t, AcwEnd.WRAPPED);
        }
        writeSegment(c, s, t);
    }

    /**
     * contact.blocked: a BLOCKED queue visit with wait 0, and the contact is over. A contact between a
     * transfer and its next queue may be blocked at that queue. Odd: the contact is queued or connected →
     * ignored ({@link Anomaly#BLOCKED_ACTIVE_CONTACT}); finished or already ended → ignored.
     */
    private void onBlocked(ContactBlocked e, long t) {
        ContactState c = state.contact(e.contact());
        if (c == null) {
            if (finished.get(e.contact(), t) != null) {
                out.anomaly(Anomaly.CONTACT_ALREADY_OVER);
                return;
            }
            c = newContact(e.contact(), t);
            c.channel = e.channel();
            c.entryQueue = e.queue();
        } else if (c.ended) {
            out.anomaly(Anomaly.CONTACT_ALREADY_OVER);
            return;
        } else if (c.visit != null || c.anyConnected()) {
            out.anomaly(Anomaly.BLOCKED_ACTIVE_CONTACT);
            return;
        }
        touch(c, t);
        c.visitSeq++;
        Visit v = new Visit(c.visitSeq, e.queue(), e.channel(), c.direction, c.customer, null, t);
        c.currentQueue = e.queue();
        emitVisit(c, v, t, VisitOutcome.BLOCKED, null);
        c.ended = true;
        c.endedAt = t;
        c.transferPending = false;
        clearRinging(c);
        maybeClose(c, t);
    }

    /**
     * contact.dialed: an outbound contact; the agent's handle segment starts at dial time, no queue visit;
     * it is the agent's next activity (ends its ACW). Odd: the contact id exists → ignored
     * ({@link Anomaly#DIALED_EXISTING_CONTACT}); agent not logged in → implicit login.
     */
    private void onDialed(ContactDialed e, long t) {
        if (state.contacts.containsKey(e.contact()) || finished.get(e.contact(), t) != null) {
            out.anomaly(Anomaly.DIALED_EXISTING_CONTACT);
            return;
        }
        ContactState c = newContact(e.contact(), t);
        c.direction = Direction.OUTBOUND;
        c.channel = e.channel();
        c.customer = e.customer();
        c.entryQueue = e.queue();
        c.currentQueue = e.queue();
        AgentSession a = session(e.agent(), t);
        activity(a, t);
        startSegment(c, a, t, e.queue());
    }

    /**
     * contact.survey: a SurveyFact attributed to the contact's last handling agent and its queue (the last
     * visit's queue when never answered), for live contacts and contacts over for less than 24 h. Odd:
     * unknown contact → a SurveyFact without queue, channel and agent
     * ({@link Anomaly#SURVEY_UNKNOWN_CONTACT}).
     */
    private void onSurvey(ContactSurvey e, long t) {
        String queue = null;
        String agent = null;
        String team = null;
        Channel channel = null;
        ContactState c = state.contact(e.contact());
        if (c != null) {
            touch(c, t);
            agent = c.lastAgent;
            team = c.lastTeam;
            queue = c.lastQueue != null ? c.lastQueue : c.currentQueue;
            channel = c.channel;
        } else {
            FinishedContacts.Entry f = finished.get(e.contact(), t);
            if (f != null) {
                agent = f.agent();
                team = f.team();
                queue = f.queue();
                channel = f.channel();
            } else {
                out.anomaly(Anomaly.SURVEY_UNKNOWN_CONTACT);
            }
        }
        out.fact(new SurveyFact(e.id(), e.contact(), e.time(), e.csat(), e.nps(), queue, channel, agent, team));
    }

    // ------------------------------------------------------------------ tickets

    /**
     * ticket.created: a new open ticket (version 1) with its due times: the event's, else created + the
     * queue's SLA policy for the priority; timers for both. Odd: the ticket exists (open, or resolved and
     * still remembered) → ignored ({@link Anomaly#TICKET_CREATED_TWICE}).
     */
    private void onTicketCreated(TicketCreated e, long t) {
        if (tickets.get(e.ticket()) != null) {
            out.anomaly(Anomaly.TICKET_CREATED_TWICE);
            return;
        }
        TicketSla sla = settings.queue(e.queue()).ticketSla();
        Instant created = e.time();
        Instant responseDue = sla.firstResponseDue(e.priority(), created, e.firstResponseDue());
        Instant resolutionDue = sla.resolutionDue(e.priority(), created, e.resolutionDue());
        TicketFact f = new TicketFact(e.ticket(), 1, created, e.queue(), e.priority(), e.category(), e.customer(),
                created, responseDue, resolutionDue, null, null, null, null, 0, null, null, null, null, 0, 0, null,
                null, null, null, null, null);
        tickets.put(current, e.ticket(), new TicketDesk.Live(f, t));
        if (responseDue != null) {
            tickets.schedule(current, new TicketDesk.Due(responseDue.toEpochMilli(), TicketDesk.Kind.RESPONSE_DUE,
                    e.ticket()));
        }
        if (resolutionDue != null) {
            tickets.schedule(current, new TicketDesk.Due(resolutionDue.toEpochMilli(),
                    TicketDesk.Kind.RESOLUTION_DUE, e.ticket()));
        }
        tickets.schedule(current, new TicketDesk.Due(t + TicketDesk.STALE_OPEN_MS, TicketDesk.Kind.FORGET,
                e.ticket()));
        out.fact(f);
    }

    /**
     * ticket.assigned: the ticket's agent (a new version when it changes). Odd: unknown ticket → ignored
     * ({@link Anomaly#UNKNOWN_TICKET}); resolved → ignored ({@link Anomaly#TICKET_NOT_OPEN}).
     */
    private void onTicketAssigned(TicketAssigned e, long t) {
        TicketDesk.Live l = openTicket(e.ticket());
        if (l == null) {
            return;
        }
        if (e.agent().equals(l.fact().agent())) {
            touchTicket(l, t);
            return;
        }
        TicketDraft d = new TicketDraft(l.fact());
        setAgent(d, e.agent());
        saveTicket(d.next(e.time()), t);
    }

    /**
     * ticket.responded: the first one is the first response (the responder becomes the ticket's agent when
     * none is assigned) and meets the response SLA (a response after the due time comes after the due
     * timer, which breached it); later ones change nothing. Odd: unknown ticket → ignored; resolved →
     * ignored ({@link Anomaly#TICKET_NOT_OPEN}).
     */
    private void onTicketResponded(TicketResponded e, long t) {
        TicketDesk.Live l = openTicket(e.ticket());
        if (l == null) {
            return;
        }
        if (l.fact().firstResponseAt() != null) {
            touchTicket(l, t);
            return;
        }
        TicketDraft d = new TicketDraft(l.fact());
        d.firstResponseAt = e.time();
        d.firstResponseAgent = e.agent();
        if (d.agent == null) {
            setAgent(d, e.agent());
        }
        if (d.responseSla == null && l.fact().firstResponseDue() != null) {
            d.responseSla = SlaStatus.MET;
            d.responseSlaAt = e.time();
        }
        saveTicket(d.next(e.time()), t);
    }

    /**
     * ticket.escalated: escalations + 1, the highest level kept. Odd: unknown ticket → ignored; resolved →
     * ignored ({@link Anomaly#TICKET_NOT_OPEN}).
     */
    private void onTicketEscalated(TicketEscalated e, long t) {
        TicketDesk.Live l = openTicket(e.ticket());
        if (l == null) {
            return;
        }
        TicketDraft d = new TicketDraft(l.fact());
        d.escalations++;
        if (e.level() != null && (d.level == null || e.level() > d.level)) {
            d.level = e.level();
        }
        if (d.firstEscalatedAt == null) {
            d.firstEscalatedAt = e.time();
        }
        saveTicket(d.next(e.time()), t);
    }

    /**
     * ticket.resolved: resolved now (by the event's agent, else the ticket's); meets the resolution SLA if
     * still undecided, and the response SLA if there was no response yet (the resolution answers the
     * customer; no first response time is recorded). Odd: unknown ticket → ignored; already resolved →
     * ignored, the first resolution stands ({@link Anomaly#TICKET_RESOLVED_TWICE}).
     */
    private void onTicketResolved(TicketResolved e, long t) {
        TicketDesk.Live l = ticket(e.ticket());
        if (l == null) {
            return;
        }
        if (!l.fact().open()) {
            out.anomaly(Anomaly.TICKET_RESOLVED_TWICE);
            touchTicket(l, t);
            return;
        }
        TicketFact f = l.fact();
        TicketDraft d = new TicketDraft(f);
        d.resolvedAt = e.time();
        d.resolvedBy = e.agent() != null ? e.agent() : f.agent();
        if (d.agent == null && e.agent() != null) {
            setAgent(d, e.agent());
        }
        d.resolutions++;
        if (d.responseSla == null && f.firstResponseDue() != null) {
            d.responseSla = SlaStatus.MET;
            d.responseSlaAt = e.time();
        }
        if (d.resolutionSla == null && f.resolutionDue() != null) {
            d.resolutionSla = SlaStatus.MET;
            d.resolutionSlaAt = e.time();
        }
        saveTicket(d.next(e.time()), t);
        tickets.schedule(current, new TicketDesk.Due(t + TicketDesk.RESOLVED_RETENTION_MS, TicketDesk.Kind.FORGET,
                e.ticket()));
    }

    /**
     * ticket.reopened: open again; the last resolution is taken back (resolution time counts from the next
     * one). A met resolution SLA becomes breached when the reopen comes after the due time, undecided
     * before it. Odd: unknown (or forgotten) ticket → ignored; open ticket → ignored
     * ({@link Anomaly#TICKET_REOPENED_WHILE_OPEN}).
     */
    private void onTicketReopened(TicketReopened e, long t) {
        TicketDesk.Live l = ticket(e.ticket());
        if (l == null) {
            return;
        }
        TicketFact f = l.fact();
        if (f.open()) {
            out.anomaly(Anomaly.TICKET_REOPENED_WHILE_OPEN);
            touchTicket(l, t);
            return;
        }
        TicketDraft d = new TicketDraft(f);
        d.resolvedAt = null;
        d.resolvedBy = null;
        d.reopens++;
        if (d.firstReopenedAt == null) {
            d.firstReopenedAt = e.time();
        }
        if (d.resolutionSla == SlaStatus.MET) {
            if (f.resolutionDue() != null && e.time().isAfter(f.resolutionDue())) {
                d.resolutionSla = SlaStatus.BREACHED;
                d.resolutionSlaAt = e.time();
            } else {
                d.resolutionSla = null;
                d.resolutionSlaAt = null;
            }
        }
        saveTicket(d.next(e.time()), t);
    }

    /** A ticket timer fired (in event time, before the first event after its time). */
    private void fireTicket(TicketDesk.Due due) {
        TicketDesk.Live l = tickets.get(due.ticket());
        if (l == null) {
            return;
        }
        TicketFact f = l.fact();
        Instant at = Instant.ofEpochMilli(due.at());
        switch (due.kind()) {
            case RESPONSE_DUE -> {
                if (f.responseSla() == null && f.firstResponseAt() == null && f.open()
                        && f.firstResponseDue() != null && f.firstResponseDue().equals(at)) {
                    TicketDraft d = new TicketDraft(f);
                    d.responseSla = SlaStatus.BREACHED;
                    d.responseSlaAt = max(at, f.createdAt());
                    tickets.put(current, f.ticket(), new TicketDesk.Live(d.next(max(d.responseSlaAt, f.updatedAt())),
                            l.lastEventAt()));
                    out.fact(tickets.get(f.ticket()).fact());
                }
            }
            case RESOLUTION_DUE -> {
                if (f.resolutionSla() == null && f.open() && f.resolutionDue() != null
                        && f.resolutionDue().equals(at)) {
                    TicketDraft d = new TicketDraft(f);
                    d.resolutionSla = SlaStatus.BREACHED;
                    d.resolutionSlaAt = max(at, f.createdAt());
                    tickets.put(current, f.ticket(), new TicketDesk.Live(d.next(max(d.resolutionSlaAt,
                            f.updatedAt())), l.lastEventAt()));
                    out.fact(tickets.get(f.ticket()).fact());
                }
            }
            default -> {
                long keep = l.lastEventAt() + (f.open() ? TicketDesk.STALE_OPEN_MS : TicketDesk.RESOLVED_RETENTION_MS);
                if (keep > due.at()) {
                    tickets.schedule(current, new TicketDesk.Due(keep, TicketDesk.Kind.FORGET, f.ticket()));
                } else {
                    if (f.open()) {
                        out.anomaly(Anomaly.STALE_TICKET_EVICTED);
                    }
                    tickets.put(current, f.ticket(), null);
                }
            }
        }
    }

    /** The ticket, or null after counting {@link Anomaly#UNKNOWN_TICKET}. */
    private TicketDesk.Live ticket(String id) {
        TicketDesk.Live l = tickets.get(id);
        if (l == null) {
            out.anomaly(Anomaly.UNKNOWN_TICKET);
        }
        return l;
    }

    /** The ticket if it is open, or null after counting unknown_ticket / ticket_not_open. */
    private TicketDesk.Live openTicket(String id) {
        TicketDesk.Live l = ticket(id);
        if (l != null && !l.fact().open()) {
            out.anomaly(Anomaly.TICKET_NOT_OPEN);
            touchTicket(l, current.time().toEpochMilli());
            return null;
        }
        return l;
    }

    /** Remembers the time of the ticket's last event (keeps it from being forgotten). */
    private void touchTicket(TicketDesk.Live l, long t) {
        if (t > l.lastEventAt()) {
            tickets.put(current, l.fact().ticket(), new TicketDesk.Live(l.fact(), t));
        }
    }

    /** The ticket's agent and that agent's team now (null when the engine does not know the agent). */
    private void setAgent(TicketDraft d, String agent) {
        d.agent = agent;
        AgentSession a = state.agents.get(agent);
        d.agentTeam = a == null ? null : a.team;
    }

    private void saveTicket(TicketFact f, long t) {
        tickets.put(current, f.ticket(), new TicketDesk.Live(f, t));
        out.fact(f);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // ------------------------------------------------------------------ timers

    /**
     * Fires, in time order, the contact timers due at or before t and the ticket timers due before t (a
     * ticket answered exactly at its due time is in time); at the same time contact timers first.
     */
    private void fireDue(long t) {
        while (true) {
            Timer tm = state.timers.peek();
            boolean contactDue = tm != null && tm.due() <= t;
            TicketDesk.Due td = tickets.firstDue();
            boolean ticketDue = td != null && td.at() < t;
            if (contactDue && (!ticketDue || tm.due() <= td.at())) {
                state.timers.poll();
                if (tm.kind() == Timer.Kind.ACW_CAP) {
                    fireAcwCap(tm);
                } else {
                    sweep(tm.due());
                }
                flushDirty(tm.due());
            } else if (ticketDue) {
                fireTicket(tickets.pollDue(current));
            } else {
                return;
            }
        }
    }

    private void fireAcwCap(Timer tm) {
        ContactState c = state.contact(tm.contact());
        if (c == null) {
            return;
        }
        Segment s = c.bySeq(tm.segment());
        if (s == null || s.capDue != tm.due() || s.connected()) {
            return;
        }
        if (s.inAcw()) {
            endAcw(c, s, tm.due(), AcwEnd.CAP);
        }
        writeSegment(c, s, tm.due());
    }

    /** Evicts the contacts without events for 24 h (in id order), and schedules the next sweep while contacts live. */
    private void sweep(long due) {
        List<String> stale = new ArrayList<>();
        for (ContactState c : state.contacts.values()) {
            if (c.lastEventAt + STALE_CONTACT_MS <= due) {
                stale.add(c.id);
            }
        }
        stale.sort(null);
        for (String id : stale) {
            evict(state.contact(id));
        }
        if (state.contacts.isEmpty()) {
            state.sweepDue = Segment.NONE;
        } else {
            state.sweepDue = due + SWEEP_EVERY_MS;
            schedule(state.sweepDue, Timer.Kind.SWEEP, null, 0);
        }
    }

    private void evict(ContactState c) {
        out.anomaly(Anomaly.STALE_CONTACT_EVICTED);
        clearRinging(c);
        for (Segment s : c.segments) {
            AgentSession a = state.agent(s.agent);
            if (a != null) {
                a.connected.remove(c.id);
                a.acw.remove(c.id);
                dirty.add(a);
            }
        }
        state.contacts.remove(c.id);
    }

    private void schedule(long due, Timer.Kind kind, String contact, int segment) {
        state.timers.add(new Timer(due, state.timerSeq++, kind, contact, segment));
    }

    // ------------------------------------------------------------------ helpers: contacts

    /** The live contact, or null after counting unknown_contact / contact_already_over. An ended contact counts as over. */
    private ContactState live(String contact, long t) {
        ContactState c = state.contact(contact);
        if (c == null) {
            overOrUnknown(contact, t, Anomaly.CONTACT_ALREADY_OVER);
            return null;
        }
        if (c.ended) {
            out.anomaly(Anomaly.CONTACT_ALREADY_OVER);
            return null;
        }
        return c;
    }

    private void overOrUnknown(String contact, long t, String overKind) {
        out.anomaly(finished.get(contact, t) != null ? overKind : Anomaly.UNKNOWN_CONTACT);
    }

    private ContactState newContact(String id, long t) {
        ContactState c = new ContactState(id, t);
        state.putContact(c);
        return c;
    }

    private static void touch(ContactState c, long t) {
        if (t > c.lastEventAt) {
            c.lastEventAt = t;
        }
    }

    private void closeVisit(ContactState c, long t, VisitOutcome outcome, String agent) {
        emitVisit(c, c.visit, t, outcome, agent);
        c.visit = null;
        clearRinging(c);
    }

    private void emitVisit(ContactState c, Visit v, long leftAt, VisitOutcome outcome, String agent) {
        out.fact(new QueueVisit(c.id, v.seq(), v.queue(), v.channel(), v.direction(), v.customer(), v.priority(),
                Instant.ofEpochMilli(v.queuedAt()), Instant.ofEpochMilli(leftAt), leftAt - v.queuedAt(), outcome,
                agent));
    }

    private void clearRinging(ContactState c) {
        for (String agent : c.ringing) {
            AgentSession a = state.agent(agent);
            if (a != null) {
                a.ringing.remove(c.id);
                dirty.add(a);
            }
        }
        c.ringing.clear();
    }

    private void startSegment(ContactState c, AgentSession a, long t, String queue) {
        c.segmentSeq++;
        Segment s = new Segment(c.segmentSeq, a.id, a.team, queue, c.channel, c.direction, c.customer, t);
        c.segments.add(s);
        c.handledBy.add(a.id);
        if (!c.answered) {
            c.answered = true;
            c.firstAgent = a.id;
            c.firstTeam = a.team;
        }
        c.lastAgent = a.id;
        c.lastTeam = a.team;
        c.lastQueue = queue;
        a.connected.add(c.id);
        dirty.add(a);
    }

    /** Talk ends (contact.ended, transfer, implicit transfer or wrap while connected): ACW starts, the cap is scheduled. */
    private void endTalk(ContactState c, Segment s, long t, boolean transferred) {
        if (c.heldSince != Segment.NONE) {
            s.holdMs += t - Math.max(c.heldSince, s.answeredAt);
        }
        s.talkEndAt = t;
        s.transferred |= transferred;
        s.capDue = t + settings.queue(s.queue).acwCapS() * 1000L;
        schedule(s.capDue, Timer.Kind.ACW_CAP, c.id, s.seq);
        AgentSession a = state.agent(s.agent);
        if (a != null) {
            a.connected.remove(c.id);
            dirty.add(a);
        }
        if (a != null && a.loggedIn) {
            a.acw.add(c.id);
        } else {
            // the agent logged out while connected: its logout was its next activity, so no ACW
            s.acwEndAt = t;
            s.acwEnd = AcwEnd.NEXT_ACTIVITY;
        }
        if (!c.anyConnected()) {
            c.heldSince = Segment.NONE;
        }
    }

    private void endAcw(ContactState c, Segment s, long t, AcwEnd why) {
        s.acwEndAt = t;
        s.acwEnd = why;
        AgentSession a = state.agent(s.agent);
        if (a != null && a.acw.remove(c.id)) {
            dirty.add(a);
        }
    }

    private void writeSegment(ContactState c, Segment s, long t) {
        out.fact(s.toFact(c.id));
        c.segments.remove(s);
        maybeClose(c, t);
    }

    private void maybeClose(ContactState c, long t) {
        if (!c.ended || c.visit != null || !c.segments.isEmpty()) {
            return;
        }
        out.fact(new ContactFact(c.id, c.customer, c.direction, c.channel, c.entryQueue,
                Instant.ofEpochMilli(c.startedAt), Instant.ofEpochMilli(c.endedAt), c.answered, c.firstAgent,
                c.firstTeam, c.lastResolved, c.firstResponseMs == Segment.NONE ? null : c.firstResponseMs));
        state.contacts.remove(c.id);
        finished.add(new FinishedContacts.Entry(c.id, current, t, c.lastAgent, c.lastTeam,
                c.lastQueue != null ? c.lastQueue : c.currentQueue, c.channel));
    }

    // ------------------------------------------------------------------ helpers: agents

    /** The agent's session, logged in at t first when it is not ({@link Anomaly#IMPLICIT_LOGIN}). */
    private AgentSession session(String agent, long t) {
        AgentSession a = state.agentOrNew(agent);
        if (!a.loggedIn) {
            out.anomaly(Anomaly.IMPLICIT_LOGIN);
            login(a, t, a.name, a.team, a.queues);
        }
        return a;
    }

    private void login(AgentSession a, long t, String name, String team, List<String> queues) {
        a.name = name;
        a.team = team;
        a.queues = queues;
        a.loggedIn = true;
        a.away = false;
        a.reason = null;
        a.spanState = a.derivedState();
        a.spanReason = null;
        a.spanTeam = team;
        a.spanSince = t;
    }

    /** The agent's next activity: every ACW of the agent ends now (NEXT_ACTIVITY); the segments wait for their wrap until the cap. */
    private void activity(AgentSession a, long t) {
        if (a.acw.isEmpty()) {
            return;
        }
        for (String cid : new ArrayList<>(a.acw)) {
            ContactState c = state.contact(cid);
            Segment s = c == null ? null : c.inAcwOf(a.id);
            if (s != null) {
                endAcw(c, s, t, AcwEnd.NEXT_ACTIVITY);
            } else {
                a.acw.remove(cid);
            }
        }
        dirty.add(a);
    }

    private void flushDirty(long t) {
        if (dirty.isEmpty()) {
            return;
        }
        for (AgentSession a : dirty) {
            recompute(a, t);
        }
        dirty.clear();
    }

    private void recompute(AgentSession a, long t) {
        if (!a.loggedIn) {
            return;
        }
        AgentState st = a.derivedState();
        String reason = st == AgentState.AWAY ? a.reason : null;
        if (st == a.spanState && Objects.equals(reason, a.spanReason) && Objects.equals(a.team, a.spanTeam)) {
            return;
        }
        closeSpan(a, t);
        a.spanState = st;
        a.spanReason = reason;
        a.spanTeam = a.team;
        a.spanSince = t;
    }

    private void closeSpan(AgentSession a, long t) {
        if (t > a.spanSince) {
            out.fact(new AgentStateSpan(a.id, a.spanTeam, a.spanState, a.spanReason, Instant.ofEpochMilli(a.spanSince),
                    Instant.ofEpochMilli(t)));
        }
    }
}
