package io.ccpulse.domain.engine;

import java.util.HashMap;
import java.util.PriorityQueue;

/**
 * The engine's whole mutable state as of the last applied event: live contacts, agents and pending
 * timers. Everything that can change when an event is applied lives here, and {@link #copy()} is a copy
 * that no later change of either side can affect (checkpoints). Finished facts, tallies and the memory of
 * finished contacts live outside, versioned by event key, so that they need no copy.
 *
 * <p>Copy on write: a copy shares the contact and agent objects with the original, and both sides lose
 * ownership of them (a fresh {@link #token}); the accessors {@link #contact}, {@link #agent} and
 * {@link #agentOrNew} copy an object the first time a state touches it after the split. A copy is thus
 * two shallow map copies, and applying an event copies only the one or two objects it changes. The
 * machine must reach contacts and agents through these accessors only when it may change them.
 */
final class State {
    final HashMap<String, ContactState> contacts;
    final HashMap<String, AgentSession> agents;
    final PriorityQueue<Timer> timers;
    long timerSeq;
    /** Due time of the scheduled stale-contact sweep, or Segment.NONE when none is scheduled. */
    long sweepDue = Segment.NONE;
    /** Objects whose owner is this token may be changed in place by this state. */
    private Object token = new Object();

    State() {
        contacts = new HashMap<>();
        agents = new HashMap<>();
        timers = new PriorityQueue<>();
    }

    private State(State o) {
        contacts = new HashMap<>(o.contacts);
        agents = new HashMap<>(o.agents);
        timers = new PriorityQueue<>(o.timers);
        timerSeq = o.timerSeq;
        sweepDue = o.sweepDue;
    }

    /** Live contacts plus agents. */
    int size() {
        return contacts.size() + agents.size();
    }

    /** A copy, independent of this state from now on (both give up ownership of the shared objects). */
    State copy() {
        State c = new State(this);
        token = new Object();
        return c;
    }

    /** The live contact, owned by this state (copied on first write after a split), or null. */
    ContactState contact(String id) {
        ContactState c = contacts.get(id);
        if (c != null && c.owner != token) {
            c = new ContactState(c);
            c.owner = token;
            contacts.put(id, c);
        }
        return c;
    }

    void putContact(ContactState c) {
        c.owner = token;
        contacts.put(c.id, c);
    }

    /** The agent, owned by this state, or null. */
    AgentSession agent(String id) {
        AgentSession a = agents.get(id);
        if (a != null && a.owner != token) {
            a = new AgentSession(a);
            a.owner = token;
            agents.put(id, a);
        }
        return a;
    }

    /** The agent, owned by this state, created when unknown. */
    AgentSession agentOrNew(String id) {
        AgentSession a = agent(id);
        if (a == null) {
            a = new AgentSession(id);
            a.owner = token;
            agents.put(id, a);
        }
        return a;
    }
}
