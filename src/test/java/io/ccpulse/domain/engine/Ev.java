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
import io.ccpulse.domain.event.EndedBy;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.Sender;
import io.ccpulse.domain.event.TicketAssigned;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.domain.event.TicketEscalated;
import io.ccpulse.domain.event.TicketReopened;
import io.ccpulse.domain.event.TicketResolved;
import io.ccpulse.domain.event.TicketResponded;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.settings.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test event builder. Times are seconds after {@link #T0} (2026-11-23T08:00:00Z); ids are generated
 * ("e-1", "e-2", ...) unless a test needs a given one.
 */
final class Ev {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private int n;

    static Instant at(double s) {
        return T0.plusMillis(Math.round(s * 1000));
    }

    private String id() {
        return "e-" + (++n);
    }

    AgentLogin login(double s, String agent, String team, String... queues) {
        return new AgentLogin(id(), at(s), agent, null, team, List.of(queues));
    }

    AgentStatus away(double s, String agent, String reason) {
        return new AgentStatus(id(), at(s), agent, AgentStatusValue.AWAY, reason);
    }

    AgentStatus available(double s, String agent) {
        return new AgentStatus(id(), at(s), agent, AgentStatusValue.AVAILABLE, null);
    }

    AgentLogout logout(double s, String agent) {
        return new AgentLogout(id(), at(s), agent);
    }

    ContactQueued queued(double s, String contact, String queue) {
        return queued(s, contact, Channel.VOICE, queue);
    }

    ContactQueued queued(double s, String contact, Channel channel, String queue) {
        return new ContactQueued(id(), at(s), contact, channel, queue, "cust-" + contact, Direction.INBOUND, null);
    }

    ContactOffered offered(double s, String contact, String agent) {
        return new ContactOffered(id(), at(s), contact, agent);
    }

    ContactMissed missed(double s, String contact, String agent) {
        return new ContactMissed(id(), at(s), contact, agent);
    }

    ContactAnswered answered(double s, String contact, String agent) {
        return new ContactAnswered(id(), at(s), contact, agent);
    }

    ContactHeld held(double s, String contact) {
        return new ContactHeld(id(), at(s), contact);
    }

    ContactResumed resumed(double s, String contact) {
        return new ContactResumed(id(), at(s), contact);
    }

    ContactMessage message(double s, String contact, Sender from) {
        return new ContactMessage(id(), at(s), contact, from);
    }

    ContactTransferred toQueue(double s, String contact, String agent, String queue) {
        return new ContactTransferred(id(), at(s), contact, agent, queue, null);
    }

    ContactTransferred toAgent(double s, String contact, String agent, String toAgent) {
        return new ContactTransferred(id(), at(s), contact, agent, null, toAgent);
    }

    ContactEnded ended(double s, String contact) {
        return new ContactEnded(id(), at(s), contact, EndedBy.CUSTOMER);
    }

    ContactAbandoned abandoned(double s, String contact) {
        return new ContactAbandoned(id(), at(s), contact);
    }

    ContactWrapped wrapped(double s, String contact, String agent, Boolean resolved) {
        return new ContactWrapped(id(), at(s), contact, agent, resolved, resolved == null ? null : "done");
    }

    ContactBlocked blocked(double s, String contact, String queue) {
        return new ContactBlocked(id(), at(s), contact, Channel.VOICE, queue);
    }

    ContactDialed dialed(double s, String contact, String agent, String queue) {
        return new ContactDialed(id(), at(s), contact, agent, Channel.VOICE, queue, "cust-" + contact);
    }

    ContactSurvey survey(double s, String contact, Integer csat, Integer nps) {
        return new ContactSurvey(id(), at(s), contact, csat, nps);
    }

    TicketCreated ticketCreated(double s, String ticket, String queue, String priority, String category) {
        return new TicketCreated(id(), at(s), ticket, queue, priority, "cust-" + ticket, category, null, null);
    }

    TicketCreated ticketCreated(double s, String ticket, String queue, String priority, Instant responseDue,
                                Instant resolutionDue) {
        return new TicketCreated(id(), at(s), ticket, queue, priority, "cust-" + ticket, null, responseDue,
                resolutionDue);
    }

    TicketAssigned ticketAssigned(double s, String ticket, String agent) {
        return new TicketAssigned(id(), at(s), ticket, agent);
    }

    TicketResponded ticketResponded(double s, String ticket, String agent) {
        return new TicketResponded(id(), at(s), ticket, agent);
    }

    TicketEscalated ticketEscalated(double s, String ticket, Integer level) {
        return new TicketEscalated(id(), at(s), ticket, level);
    }

    TicketResolved ticketResolved(double s, String ticket, String agent) {
        return new TicketResolved(id(), at(s), ticket, agent);
    }

    TicketReopened ticketReopened(double s, String ticket) {
        return new TicketReopened(id(), at(s), ticket);
    }

    /** Applies the events in order with default settings, flushes, and returns every final fact. */
    static List<Fact> run(Event... events) {
        return run(Settings.DEFAULTS, events);
    }

    static List<Fact> run(Settings settings, Event... events) {
        Engine engine = new Engine(settings);
        engine.apply(List.of(events));
        engine.flushAll();
        return engine.drainFinal();
    }

    @SuppressWarnings("unchecked")
    static <F extends Fact> List<F> only(List<Fact> facts, Class<F> type) {
        List<F> out = new ArrayList<>();
        for (Fact f : facts) {
            if (type.isInstance(f)) {
                out.add((F) f);
            }
        }
        return out;
    }
}
