package io.ccpulse.support;

import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.QueueTally;
import io.ccpulse.domain.settings.Settings;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The independent, plain-Java computation the reports and roll-ups are checked against: facts are
 * put in periods (METRICS.md "Interval": a visit when it left the queue, a segment when its ACW
 * ended, a contact when it ended, a survey at its time, agent time split across periods) and added
 * to the domain tallies ({@link QueueTally}, {@link AgentTally}) with the settings, exactly as the
 * live engine's day books do. No SQL involved.
 */
public final class Reference {

    /** Queue tallies per "queue|channel", per period index (1-based). */
    public final Map<String, Map<Integer, QueueTally>> queues = new TreeMap<>();
    /** Agent tallies per "agent|team" (team "" for none), per period index. */
    public final Map<String, Map<Integer, AgentTally>> agents = new TreeMap<>();
    /** Agent tallies per "|team", per period index. */
    public final Map<String, Map<Integer, AgentTally>> teams = new TreeMap<>();

    private final long[] starts;
    private final long end;

    /**
     * @param periodStarts sorted period starts; the last period ends at {@code to}
     */
    public Reference(List<Instant> periodStarts, Instant to, List<Fact> facts, Settings settings) {
        this.starts = periodStarts.stream().mapToLong(Instant::toEpochMilli).toArray();
        this.end = to.toEpochMilli();
        for (Fact f : facts) {
            add(f, settings);
        }
    }

    /** The 1-based period of a time, or 0 when outside [from, to). */
    public int period(long t) {
        if (t < starts[0] || t >= end) {
            return 0;
        }
        int i = Arrays.binarySearch(starts, t);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private QueueTally q(String queue, Object channel, int idx) {
        return queues.computeIfAbsent(queue + "|" + channel, k -> new TreeMap<>())
                .computeIfAbsent(idx, k -> new QueueTally());
    }

    private AgentTally[] a(String agent, String team, int idx) {
        String t = team == null ? "" : team;
        return new AgentTally[] {
            agents.computeIfAbsent(agent + "|" + t, k -> new TreeMap<>()).computeIfAbsent(idx, k -> new AgentTally()),
            teams.computeIfAbsent("|" + t, k -> new TreeMap<>()).computeIfAbsent(idx, k -> new AgentTally())};
    }

    private void add(Fact f, Settings s) {
        if (f instanceof QueueVisit v) {
            int i = period(v.leftAt().toEpochMilli());
            if (i > 0) {
                q(v.queue(), v.channel(), i).addVisit(v, s.queue(v.queue()));
            }
        } else if (f instanceof HandleSegment h) {
            int i = period(h.acwEndAt().toEpochMilli());
            if (i > 0) {
                if (h.queue() != null) {
                    q(h.queue(), h.channel(), i).addSegment(h);
                }
                for (AgentTally t : a(h.agent(), h.team(), i)) {
                    t.addSegment(h);
                }
            }
        } else if (f instanceof SurveyFact v) {
            int i = period(v.time().toEpochMilli());
            if (i > 0) {
                if (v.queue() != null && v.channel() != null) {
                    q(v.queue(), v.channel(), i).addSurvey(v, s.queue(v.queue()));
                }
                if (v.agent() != null) {
                    for (AgentTally t : a(v.agent(), v.team(), i)) {
                        t.addSurvey(v, s.queue(v.queue()));
                    }
                }
            }
        } else if (f instanceof ContactFact c) {
            int i = period(c.endedAt().toEpochMilli());
            if (i > 0 && c.entryQueue() != null && c.channel() != null) {
                QueueTally t = q(c.entryQueue(), c.channel(), i);
                if (c.firstResponseMs() != null) {
                    t.addFirstResponse(c.firstResponseMs(), s.queue(c.entryQueue()));
                }
                if (c.direction() == Direction.INBOUND) {
                    t.addInboundContact();
                }
            }
        } else if (f instanceof AgentStateSpan sp) {
            long st = sp.start().toEpochMilli();
            long en = sp.end().toEpochMilli();
            for (int i = 1; i <= starts.length; i++) {
                long ps = starts[i - 1];
                long pe = i < starts.length ? starts[i] : end;
                long lo = Math.max(st, ps);
                long hi = Math.min(en, pe);
                if (hi > lo) {
                    for (AgentTally t : a(sp.agent(), sp.team(), i)) {
                        t.addState(sp.state(), sp.reason(), hi - lo);
                    }
                }
            }
        }
    }

    /** The merge of every period of a series. */
    public static QueueTally totalQ(Map<Integer, QueueTally> byPeriod) {
        QueueTally t = new QueueTally();
        byPeriod.values().forEach(t::merge);
        return t;
    }

    public static AgentTally totalA(Map<Integer, AgentTally> byPeriod) {
        AgentTally t = new AgentTally();
        byPeriod.values().forEach(t::merge);
        return t;
    }
}
