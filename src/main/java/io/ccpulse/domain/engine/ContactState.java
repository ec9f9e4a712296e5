package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** One live contact, mutable, with a deep copy constructor for checkpoints. Times in epoch ms. */
final class ContactState {
    final String id;
    Channel channel;
    Direction direction = Direction.INBOUND;
    String customer;
    String entryQueue;
    long startedAt;
    long firstQueuedAt = Segment.NONE;
    long firstResponseMs = Segment.NONE;
    int visitSeq;
    int segmentSeq;
    /** The open queue visit, or null. */
    Visit visit;
    /** The queue the contact was last queued in (or dialed from): queue of segments that follow a transfer to an agent. */
    String currentQueue;
    /** Agents ringing for this contact, in offer order. */
    final LinkedHashSet<String> ringing;
    /** Segments not yet written (connected, in ACW, or waiting for their wrap), in seq order. */
    final ArrayList<Segment> segments;
    /** Agents that had a segment on this contact (to tell a late wrap from a wrap without segment). */
    final LinkedHashSet<String> handledBy;
    long heldSince = Segment.NONE;
    boolean transferPending;
    boolean ended;
    long endedAt;
    boolean answered;
    String firstAgent;
    String firstTeam;
    Boolean lastResolved;
    String lastAgent;
    String lastTeam;
    String lastQueue;
    long lastEventAt;
    /** The state allowed to change this object in place (see {@link State}); not copied. */
    Object owner;

    ContactState(String id, long startedAt) {
        this.id = id;
        this.startedAt = startedAt;
        this.lastEventAt = startedAt;
        this.ringing = new LinkedHashSet<>(2);
        this.segments = new ArrayList<>(2);
        this.handledBy = new LinkedHashSet<>(2);
    }

    ContactState(ContactState o) {
        id = o.id;
        channel = o.channel;
        direction = o.direction;
        customer = o.customer;
        entryQueue = o.entryQueue;
        startedAt = o.startedAt;
        firstQueuedAt = o.firstQueuedAt;
        firstResponseMs = o.firstResponseMs;
        visitSeq = o.visitSeq;
        segmentSeq = o.segmentSeq;
        visit = o.visit;
        currentQueue = o.currentQueue;
        ringing = new LinkedHashSet<>(o.ringing);
        segments = new ArrayList<>(o.segments.size());
        for (Segment s : o.segments) {
            segments.add(new Segment(s));
        }
        handledBy = new LinkedHashSet<>(o.handledBy);
        heldSince = o.heldSince;
        transferPending = o.transferPending;
        ended = o.ended;
        endedAt = o.endedAt;
        answered = o.answered;
        firstAgent = o.firstAgent;
        firstTeam = o.firstTeam;
        lastResolved = o.lastResolved;
        lastAgent = o.lastAgent;
        lastTeam = o.lastTeam;
        lastQueue = o.lastQueue;
        lastEventAt = o.lastEventAt;
    }

    /** The connected segment of an agent, or null. */
    Segment connectedOf(String agent) {
        for (Segment s : segments) {
            if (s.connected() && s.agent.equals(agent)) {
                return s;
            }
        }
        return null;
    }

    /** The oldest segment of an agent whose talk ended and that is not written yet (in ACW or waiting for the wrap), or null. */
    Segment afterTalkOf(String agent) {
        for (Segment s : segments) {
            if (!s.connected() && s.agent.equals(agent)) {
                return s;
            }
        }
        return null;
    }

    /** The segment in ACW of an agent, or null. */
    Segment inAcwOf(String agent) {
        for (Segment s : segments) {
            if (s.inAcw() && s.agent.equals(agent)) {
                return s;
            }
        }
        return null;
    }

    Segment bySeq(int seq) {
        for (Segment s : segments) {
            if (s.seq == seq) {
                return s;
            }
        }
        return null;
    }

    boolean anyConnected() {
        for (Segment s : segments) {
            if (s.connected()) {
                return true;
            }
        }
        return false;
    }

    List<Segment> connectedSegments() {
        List<Segment> out = new ArrayList<>(2);
        for (Segment s : segments) {
            if (s.connected()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The contact's phase, for tests and diagnostics. */
    String phase() {
        if (visit != null) {
            return ringing.isEmpty() ? "queued" : "ringing";
        }
        if (anyConnected()) {
            return heldSince != Segment.NONE ? "held" : "connected";
        }
        if (!ended) {
            return transferPending ? "transferring" : "idle";
        }
        return "acw";
    }
}
