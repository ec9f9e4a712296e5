package io.ccpulse.domain.kpi;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.VisitOutcome;

/**
 * How fast an agent (or team) answered: the waits of the queue visits the agent answered (ASA; voice apart),
 * and the first response times of the chat, email and messaging contacts the agent answered first.
 * Response speed (the default scorecard's 20 %: "ASA or first response time") is the average over both:
 * (voice waits + first response times) / (voice answers + first responses). Additive; owned by one thread.
 */
public final class ResponseTally {
    private long answered;
    private long waitMs;
    private long voiceAnswered;
    private long voiceWaitMs;
    private long firstResponses;
    private long firstResponseMs;

    public ResponseTally() {
    }

    /** From stored sums, in the order of the accessors. */
    public static ResponseTally of(long answered, long waitMs, long voiceAnswered, long voiceWaitMs, long firstResponses,
                                   long firstResponseMs) {
        ResponseTally t = new ResponseTally();
        t.answered = answered;
        t.waitMs = waitMs;
        t.voiceAnswered = voiceAnswered;
        t.voiceWaitMs = voiceWaitMs;
        t.firstResponses = firstResponses;
        t.firstResponseMs = firstResponseMs;
        return t;
    }

    /** An answered visit (of the agent that answered it). Other outcomes are ignored. */
    public ResponseTally addVisit(QueueVisit v) {
        if (v.outcome() == VisitOutcome.ANSWERED) {
            answered++;
            waitMs += v.waitMs();
            if (v.channel() == Channel.VOICE) {
                voiceAnswered++;
                voiceWaitMs += v.waitMs();
            }
        }
        return this;
    }

    /** A contact's first response time (of the contact's first answering agent); voice and none are ignored. */
    public ResponseTally addContact(ContactFact c) {
        if (c.firstResponseMs() != null && c.channel() != null && c.channel() != Channel.VOICE) {
            firstResponses++;
            firstResponseMs += c.firstResponseMs();
        }
        return this;
    }

    public ResponseTally merge(ResponseTally o) {
        answered += o.answered;
        waitMs += o.waitMs;
        voiceAnswered += o.voiceAnswered;
        voiceWaitMs += o.voiceWaitMs;
        firstResponses += o.firstResponses;
        firstResponseMs += o.firstResponseMs;
        return this;
    }

    public ResponseTally copy() {
        return new ResponseTally().merge(this);
    }

    public long answered() {
        return answered;
    }

    public long waitMs() {
        return waitMs;
    }

    public long voiceAnswered() {
        return voiceAnswered;
    }

    public long voiceWaitMs() {
        return voiceWaitMs;
    }

    public long firstResponses() {
        return firstResponses;
    }

    public long firstResponseMs() {
        return firstResponseMs;
    }

    /** Average wait of the visits answered, all channels, seconds. */
    public Double asaS() {
        return Ratios.avgSeconds(waitMs, answered);
    }

    /** Average first response time of the digital contacts answered first, seconds. */
    public Double frtAvgS() {
        return Ratios.avgSeconds(firstResponseMs, firstResponses);
    }

    /** (voice waits + digital first response times) / (voice answers + first responses), seconds. */
    public Double responseSpeedS() {
        return Ratios.avgSeconds(voiceWaitMs + firstResponseMs, voiceAnswered + firstResponses);
    }

    @Override
    public String toString() {
        return "ResponseTally{answered=" + answered + ", waitMs=" + waitMs + ", voiceAnswered=" + voiceAnswered
                + ", voiceWaitMs=" + voiceWaitMs + ", firstResponses=" + firstResponses + ", firstResponseMs="
                + firstResponseMs + "}";
    }
}
