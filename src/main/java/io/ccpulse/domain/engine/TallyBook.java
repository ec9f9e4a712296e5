package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.ResponseTally;
import io.ccpulse.domain.kpi.QueueTally;
import io.ccpulse.domain.kpi.TicketTally;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import java.util.Map;
import java.util.TreeMap;

/**
 * Queue and agent tallies of one time range [from, to) (a local day, a minute, the last 15 minutes),
 * built from facts: a fact counts when its {@link Fact#time()} is in the range (a visit when it left the
 * queue, a segment when its ACW ended, a first response when its contact ended); agent state time is
 * clipped to the range. Facts of a queue-less segment or survey count for the agent only. Ticket versions
 * (day books only, those {@code withAgents}) replace their previous version's contribution, each part at its
 * own time (see {@link TicketTally}).
 */
final class TallyBook {
    final long from;
    final long to;
    private final boolean withAgents;
    final TreeMap<QueueKey, QueueTally> queues = new TreeMap<>();
    final TreeMap<String, AgentTally> agents = new TreeMap<>();
    final TreeMap<String, TicketTally> tickets = new TreeMap<>();
    /** Per agent (day books only): answers and first responses, and the tickets whose agent it is. */
    final TreeMap<String, ResponseTally> agentResponses = new TreeMap<>();
    final TreeMap<String, TicketTally> agentTickets = new TreeMap<>();

    TallyBook(long from, long to, boolean withAgents) {
        this.from = from;
        this.to = to;
        this.withAgents = withAgents;
    }

    TallyBook copy() {
        TallyBook b = new TallyBook(from, to, withAgents);
        queues.forEach((k, v) -> b.queues.put(k, v.copy()));
        agents.forEach((k, v) -> b.agents.put(k, v.copy()));
        tickets.forEach((k, v) -> b.tickets.put(k, v.copy()));
        agentResponses.forEach((k, v) -> b.agentResponses.put(k, v.copy()));
        agentTickets.forEach((k, v) -> b.agentTickets.put(k, v.copy()));
        return b;
    }

    /** Adds the queue tallies of another book (its range is the caller's business). */
    void mergeQueues(TallyBook o) {
        for (Map.Entry<QueueKey, QueueTally> e : o.queues.entrySet()) {
            queue(e.getKey()).merge(e.getValue());
        }
    }

    private boolean in(long ms) {
        return ms >= from && ms < to;
    }

    private QueueTally queue(QueueKey k) {
        return queues.computeIfAbsent(k, x -> new QueueTally());
    }

    private AgentTally agent(String a) {
        return agents.computeIfAbsent(a, x -> new AgentTally());
    }

    void add(Fact f, Settings s) {
        if (f instanceof QueueVisit v) {
            if (in(v.leftAt().toEpochMilli())) {
                queue(new QueueKey(v.queue(), v.channel())).addVisit(v, s.queue(v.queue()));
                if (withAgents && v.agent() != null && v.outcome() == VisitOutcome.ANSWERED) {
                    agentResponses.computeIfAbsent(v.agent(), x -> new ResponseTally()).addVisit(v);
                }
            }
        } else if (f instanceof HandleSegment h) {
            if (in(h.acwEndAt().toEpochMilli())) {
                if (h.queue() != null && h.channel() != null) {
                    queue(new QueueKey(h.queue(), h.channel())).addSegment(h);
                }
                if (withAgents) {
                    agent(h.agent()).addSegment(h);
                }
            }
        } else if (f instanceof SurveyFact v) {
            if (in(v.time().toEpochMilli())) {
                QueueSettings qs = s.queue(v.queue());
                if (v.queue() != null && v.channel() != null) {
                    queue(new QueueKey(v.queue(), v.channel())).addSurvey(v, qs);
                }
                if (withAgents && v.agent() != null) {
                    agent(v.agent()).addSurvey(v, qs);
                }
            }
        } else if (f instanceof ContactFact c) {
            if (in(c.endedAt().toEpochMilli()) && c.entryQueue() != null && c.channel() != null) {
                QueueKey k = new QueueKey(c.entryQueue(), c.channel());
                if (c.firstResponseMs() != null) {
                    queue(k).addFirstResponse(c.firstResponseMs(), s.queue(c.entryQueue()));
                }
                if (c.direction() == Direction.INBOUND) {
                    queue(k).addInboundContact();
                }
            }
            if (withAgents && in(c.endedAt().toEpochMilli()) && c.firstAgent() != null && c.firstResponseMs() != null) {
                agentResponses.computeIfAbsent(c.firstAgent(), x -> new ResponseTally()).addContact(c);
            }
        } else if (f instanceof TicketFact tf) {
            if (withAgents && TicketTally.touches(tf, from, to)) {
                tickets.computeIfAbsent(tf.queue(), x -> new TicketTally()).add(tf, from, to);
                TicketFact p = tf.previous();
                if (p != null && p.agent() != null) {
                    agentTickets.computeIfAbsent(p.agent(), x -> new TicketTally()).remove(p, from, to);
                }
                if (tf.agent() != null) {
                    agentTickets.computeIfAbsent(tf.agent(), x -> new TicketTally()).addNewest(tf, from, to);
                }
            }
        } else if (f instanceof AgentStateSpan sp) {
            addSpan(sp.agent(), sp.state(), sp.reason(), sp.start().toEpochMilli(), sp.end().toEpochMilli());
        }
    }

    /** Adds the part of [start, end) that lies in this book's range. */
    void addSpan(String agent, AgentState state, String reason, long start, long end) {
        if (!withAgents) {
            return;
        }
        long s = Math.max(start, from);
        long e = Math.min(end, to);
        if (e > s) {
            agent(agent).addState(state, reason, e - s);
        }
    }
}
