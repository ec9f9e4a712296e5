package io.ccpulse.domain.kpi;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.VisitOutcome;
import java.time.Instant;

/** Short builders of facts for the KPI tests. */
final class Facts {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static int seq;

    private Facts() {
    }

    static QueueVisit visit(Channel ch, VisitOutcome outcome, long waitMs) {
        int n = ++seq;
        Instant queued = T0.plusSeconds(n);
        return new QueueVisit("c-" + n, 1, "billing", ch, Direction.INBOUND, "cust-" + n, null, queued,
                queued.plusMillis(waitMs), waitMs, outcome, outcome == VisitOutcome.ANSWERED ? "a-1" : null);
    }

    static QueueVisit voice(VisitOutcome outcome, long waitMs) {
        return visit(Channel.VOICE, outcome, waitMs);
    }

    static HandleSegment segment(long talkMs, long holdMs, long acwMs, boolean transferred, Boolean resolved) {
        return segment(Direction.INBOUND, talkMs, holdMs, acwMs, transferred, resolved);
    }

    static HandleSegment segment(Direction dir, long talkMs, long holdMs, long acwMs, boolean transferred,
                                 Boolean resolved) {
        int n = ++seq;
        Instant answered = T0.plusSeconds(n);
        Instant talkEnd = answered.plusMillis(talkMs + holdMs);
        return new HandleSegment("c-" + n, 1, "a-1", "team-1", "billing", Channel.VOICE, dir, "cust-" + n, answered,
                talkEnd, talkEnd.plusMillis(acwMs), talkMs, holdMs, acwMs, transferred, resolved, null,
                HandleSegment.AcwEnd.WRAPPED);
    }

    static SurveyFact survey(Integer csat, Integer nps) {
        int n = ++seq;
        return new SurveyFact("e-" + n, "c-" + n, T0.plusSeconds(n), csat, nps, "billing", Channel.VOICE, "a-1",
                "team-1");
    }

    static ContactFact contact(String id, String customer, Direction dir, String entryQueue, Instant start,
                               Instant end, boolean answered, Boolean lastResolved) {
        return new ContactFact(id, customer, dir, Channel.VOICE, entryQueue, start, end, answered,
                answered ? "a-1" : null, answered ? "team-1" : null, lastResolved);
    }
}
