package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.AgentState;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One agent: its staffed session and the contacts it is ringing for, connected to, or in after-contact
 * work for. Mutable, with a deep copy constructor for checkpoints. The contact sets are kept while the
 * agent is logged out (a contact still connected at logout stays with the contact).
 */
final class AgentSession {
    final String id;
    String name;
    String team;
    List<String> queues = List.of();
    boolean loggedIn;
    boolean away;
    String reason;
    final LinkedHashSet<String> ringing;
    final LinkedHashSet<String> connected;
    final LinkedHashSet<String> acw;
    /** The open span (when logged in). */
    AgentState spanState;
    String spanReason;
    String spanTeam;
    long spanSince;
    /** When the agent went offline (logout), or NONE when never logged out. */
    long offlineSince = Segment.NONE;
    /** The state allowed to change this object in place (see {@link State}); not copied. */
    Object owner;

    AgentSession(String id) {
        this.id = id;
        ringing = new LinkedHashSet<>(2);
        connected = new LinkedHashSet<>(2);
        acw = new LinkedHashSet<>(2);
    }

    AgentSession(AgentSession o) {
        id = o.id;
        name = o.name;
        team = o.team;
        queues = o.queues;
        loggedIn = o.loggedIn;
        away = o.away;
        reason = o.reason;
        ringing = new LinkedHashSet<>(o.ringing);
        connected = new LinkedHashSet<>(o.connected);
        acw = new LinkedHashSet<>(o.acw);
        spanState = o.spanState;
        spanReason = o.spanReason;
        spanTeam = o.spanTeam;
        spanSince = o.spanSince;
        offlineSince = o.offlineSince;
    }

    /** The state by precedence on_contact > ringing > acw > away > available (offline when logged out). */
    AgentState derivedState() {
        if (!loggedIn) {
            return AgentState.OFFLINE;
        }
        if (!connected.isEmpty()) {
            return AgentState.ON_CONTACT;
        }
        if (!ringing.isEmpty()) {
            return AgentState.RINGING;
        }
        if (!acw.isEmpty()) {
            return AgentState.ACW;
        }
        return away ? AgentState.AWAY : AgentState.AVAILABLE;
    }
}
