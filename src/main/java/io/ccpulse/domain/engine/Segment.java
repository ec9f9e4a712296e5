package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.HandleSegment;
import java.time.Instant;

/**
 * A handle segment of a live contact, mutable, times in epoch ms. Phases: connected ({@code talkEndAt < 0}),
 * in after-contact work ({@code acwEndAt < 0}), then waiting for its wrap until the ACW cap is due (the
 * segment's ACW already ended by the agent's next activity, the fact waits for the wrap's resolved flag).
 */
final class Segment {
    static final long NONE = Long.MIN_VALUE;

    final int seq;
    final String agent;
    final String team;
    final String queue;
    final Channel channel;
    final Direction direction;
    final String customer;
    final long answeredAt;
    long talkEndAt = NONE;
    long acwEndAt = NONE;
    long capDue = NONE;
    long holdMs;
    boolean transferred;
    Boolean resolved;
    String disposition;
    HandleSegment.AcwEnd acwEnd;

    Segment(int seq, String agent, String team, String queue, Channel channel, Direction direction, String customer,
            long answeredAt) {
        this.seq = seq;
        this.agent = agent;
        this.team = team;
        this.queue = queue;
        this.channel = channel;
        this.direction = direction;
        this.customer = customer;
        this.answeredAt = answeredAt;
    }

    Segment(Segment o) {
        this(o.seq, o.agent, o.team, o.queue, o.channel, o.direction, o.customer, o.answeredAt);
        talkEndAt = o.talkEndAt;
        acwEndAt = o.acwEndAt;
        capDue = o.capDue;
        holdMs = o.holdMs;
        transferred = o.transferred;
        resolved = o.resolved;
        disposition = o.disposition;
        acwEnd = o.acwEnd;
    }

    boolean connected() {
        return talkEndAt == NONE;
    }

    boolean inAcw() {
        return talkEndAt != NONE && acwEndAt == NONE;
    }

    boolean awaitingWrap() {
        return acwEndAt != NONE;
    }

    HandleSegment toFact(String contact) {
        long talk = talkEndAt - answeredAt - holdMs;
        return new HandleSegment(contact, seq, agent, team, queue, channel, direction, customer,
                Instant.ofEpochMilli(answeredAt), Instant.ofEpochMilli(talkEndAt), Instant.ofEpochMilli(acwEndAt),
                Math.max(0, talk), holdMs, acwEndAt - talkEndAt, transferred, resolved, disposition, acwEnd);
    }
}
