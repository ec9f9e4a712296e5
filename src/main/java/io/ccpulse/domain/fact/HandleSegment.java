package io.ccpulse.domain.fact;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import java.time.Instant;

/**
 * One agent's part of a contact, from contact.answered (or contact.dialed) to the end of its
 * after-contact work. Counted in the interval in which its ACW ended.
 *
 * @param seq         1-based number of this segment within the contact
 * @param queue       the queue the contact was answered from (or the dialed queue); null when none
 * @param talkEndAt   contact.ended or contact.transferred by this agent
 * @param acwEndAt    wrap, the agent's next activity, or the ACW cap, whichever came first
 * @param talkMs      answered..talkEnd minus hold
 * @param transferred the segment ended in a transfer
 * @param resolved    the wrap's resolved flag; null when the wrap had none or there was no wrap
 * @param acwEnd      why ACW ended
 */
public record HandleSegment(String contact, int seq, String agent, String team, String queue, Channel channel,
                            Direction direction, String customer, Instant answeredAt, Instant talkEndAt,
                            Instant acwEndAt, long talkMs, long holdMs, long acwMs, boolean transferred,
                            Boolean resolved, String disposition, AcwEnd acwEnd) implements Fact {

    /** Why after-contact work ended. */
    public enum AcwEnd { WRAPPED, NEXT_ACTIVITY, CAP }

    @Override
    public String key() {
        return contact + "/" + seq;
    }

    @Override
    public Instant time() {
        return acwEndAt;
    }

    /** talk + hold + acw, the handle time, in milliseconds. */
    public long handleMs() {
        return talkMs + holdMs + acwMs;
    }
}
