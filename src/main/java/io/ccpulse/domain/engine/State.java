package io.ccpulse.domain.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The engine's whole mutable state as of the last applied event: live contacts, agents and pending
 * timers. Everything that can change when an event is applied lives here, and {@link #copy()} is a deep
 * copy (checkpoints). Finished facts, tallies and the memory of finished contacts live outside, versioned
 * by event key, so that they need no copy.
 */
final class State {
    final HashMap<String, ContactState> contacts;
    final HashMap<String, AgentSession> agents;
    final PriorityQueue<Timer> timers;
    long timerSeq;

    State() {
        contacts = new HashMap<>();
        agents = new HashMap<>();
        timers = new PriorityQueue<>();
    }

    private State(State o) {
        contacts = new HashMap<>(Math.max(16, o.contacts.size() * 2));
        for (Map.Entry<String, ContactState> e : o.contacts.entrySet()) {
            contacts.put(e.getKey(), new ContactState(e.getValue()));
        }
        agents = new HashMap<>(Math.max(16, o.agents.size() * 2));
        for (Map.Entry<String, AgentSession> e : o.agents.entrySet()) {
            agents.put(e.getKey(), new AgentSession(e.getValue()));
        }
        timers = new PriorityQueue<>(o.timers);
        timerSeq = o.timerSeq;
    }

    State copy() {
        return new State(this);
    }
}
