package io.ccpulse.support;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.VisitOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but plausible facts for roll-up and report tests: contacts with one or two queue visits,
 * handle segments, surveys and contact facts (customers repeat, for FCR), blocked and outbound
 * contacts, and contiguous agent state spans with gaps. Waits and spans hit the edges on purpose:
 * waits equal to the short-abandon and service-level thresholds, spans that start or end exactly on
 * a 15-minute boundary or cross many of them.
 */
public final class FactGen {

    public static final String[] QUEUES = {"billing", "tech", "sales"};
    public static final String[] AGENTS = {"a-1", "a-2", "a-3", "a-4", "a-5", "a-6"};
    private static final String[] TEAMS = {"team-x", "team-x", "team-y", "team-y", "team-z", null};
    private static final long[] SPECIAL_WAITS = {0, 1, 4_999, 5_000, 5_001, 9_999, 10_000, 10_001, 19_999, 20_000,
        20_001, 29_999, 30_000, 30_001, 60_000};
    private static final String[] REASONS = {"lunch", "break", null, "training"};

    private final Random rnd;
    private final List<Fact> facts = new ArrayList<>();
    private int contactSeq;
    private int surveySeq;

    public FactGen(long seed) {
        this.rnd = new Random(seed);
    }

    public static String teamOf(String agent) {
        for (int i = 0; i < AGENTS.length; i++) {
            if (AGENTS[i].equals(agent)) {
                return TEAMS[i];
            }
        }
        return null;
    }

    public List<Fact> facts() {
        return facts;
    }

    /** {@code contacts} contacts starting uniformly in [from, to), and agent timelines over [from, to). */
    public FactGen generate(Instant from, Instant to, int contacts) {
        long span = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < contacts; i++) {
            contact(from.toEpochMilli() + (long) (rnd.nextDouble() * span));
        }
        for (String a : AGENTS) {
            timeline(a, from.toEpochMilli(), to.toEpochMilli());
        }
        return this;
    }

    /** One contact starting at {@code t}. */
    public void contact(long t) {
        String id = "c-" + (++contactSeq);
        String queue = QUEUES[rnd.nextInt(QUEUES.length)];
        Channel ch = pick(Channel.VOICE, Channel.VOICE, Channel.VOICE, Channel.CHAT, Channel.EMAIL, Channel.MESSAGING);
        String customer = rnd.nextInt(10) == 0 ? null : "cu-" + rnd.nextInt(40);
        int kind = rnd.nextInt(100);
        if (kind < 4) { // blocked
            Instant at = Instant.ofEpochMilli(t);
            facts.add(new QueueVisit(id, 1, queue, ch, Direction.INBOUND, customer, null, at, at, 0,
                    VisitOutcome.BLOCKED, null));
            facts.add(new ContactFact(id, customer, Direction.INBOUND, ch, queue, at, at, false, null, null, null));
            return;
        }
        if (kind < 9) { // outbound: a segment, no visit
            String agent = AGENTS[rnd.nextInt(AGENTS.length)];
            long talk = 20_000 + rnd.nextInt(300_000);
            long acw = rnd.nextInt(60_000);
            Instant a = Instant.ofEpochMilli(t);
            Instant te = Instant.ofEpochMilli(t + talk);
            Instant ae = Instant.ofEpochMilli(t + talk + acw);
            String q = rnd.nextBoolean() ? queue : null;
            facts.add(new HandleSegment(id, 1, agent, teamOf(agent), q, ch, Direction.OUTBOUND, customer, a, te, ae,
                    talk, 0, acw, false, rnd.nextBoolean() ? Boolean.TRUE : null, null, HandleSegment.AcwEnd.WRAPPED));
            facts.add(new ContactFact(id, customer, Direction.OUTBOUND, ch, q, a, te, true, agent, teamOf(agent),
                    null));
            return;
        }
        long queued = t;
        int seq = 1;
        String firstAgent = null;
        String lastAgent = null;
        Boolean lastResolved = null;
        long end;
        String q = queue;
        // a flow-out to another queue first, sometimes
        if (rnd.nextInt(10) == 0) {
            long w = randomWait();
            facts.add(new QueueVisit(id, seq++, q, ch, Direction.INBOUND, customer, "1", Instant.ofEpochMilli(queued),
                    Instant.ofEpochMilli(queued + w), w, VisitOutcome.FLOWED_OUT, null));
            queued += w;
            q = QUEUES[(java.util.Arrays.asList(QUEUES).indexOf(q) + 1) % QUEUES.length];
        }
        long w = randomWait();
        boolean answered = rnd.nextInt(100) < 75;
        Instant left = Instant.ofEpochMilli(queued + w);
        if (!answered) {
            facts.add(new QueueVisit(id, seq, q, ch, Direction.INBOUND, customer, null, Instant.ofEpochMilli(queued),
                    left, w, VisitOutcome.ABANDONED, null));
            end = queued + w;
        } else {
            String agent = AGENTS[rnd.nextInt(AGENTS.length)];
            firstAgent = agent;
            facts.add(new QueueVisit(id, seq, q, ch, Direction.INBOUND, customer, null, Instant.ofEpochMilli(queued),
                    left, w, VisitOutcome.ANSWERED, agent));
            long start = queued + w;
            int segs = rnd.nextInt(8) == 0 ? 2 : 1;
            for (int s = 1; s <= segs; s++) {
                long talk = 10_000 + rnd.nextInt(600_000);
                long hold = rnd.nextInt(4) == 0 ? rnd.nextInt(120_000) : 0;
                long acw = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(180_000);
                boolean transferred = s < segs;
                Boolean resolved = transferred ? null : pick(Boolean.TRUE, Boolean.TRUE, Boolean.FALSE, null);
                Instant te = Instant.ofEpochMilli(start + talk + hold);
                Instant ae = Instant.ofEpochMilli(start + talk + hold + acw);
                facts.add(new HandleSegment(id, s, agent, teamOf(agent), q, ch, Direction.INBOUND, customer,
                        Instant.ofEpochMilli(start), te, ae, talk, hold, acw, transferred, resolved,
                        resolved == null ? null : "d", HandleSegment.AcwEnd.WRAPPED));
                lastAgent = agent;
                if (resolved != null) {
                    lastResolved = resolved;
                }
                start = te.toEpochMilli();
                agent = AGENTS[(java.util.Arrays.asList(AGENTS).indexOf(agent) + 1) % AGENTS.length];
            }
            end = start;
        }
        Long frt = ch == Channel.VOICE || !answered || rnd.nextInt(5) == 0 ? null
                : rnd.nextInt(4) == 0 ? 30_000L : (long) rnd.nextInt(120_000);
        facts.add(new ContactFact(id, customer, Direction.INBOUND, ch, queue, Instant.ofEpochMilli(t),
                Instant.ofEpochMilli(end), answered, firstAgent, teamOf(firstAgent), lastResolved, frt));
        if (answered && rnd.nextInt(3) == 0) {
            Integer csat = rnd.nextInt(5) == 0 ? null : 1 + rnd.nextInt(5);
            Integer nps = csat != null && rnd.nextInt(3) == 0 ? null : rnd.nextInt(11);
            facts.add(new SurveyFact("sv-" + (++surveySeq), id, Instant.ofEpochMilli(end + rnd.nextInt(600_000)), csat,
                    nps, q, ch, lastAgent, teamOf(lastAgent)));
        }
        if (rnd.nextInt(40) == 0) { // a survey without queue or agent
            facts.add(new SurveyFact("sv-" + (++surveySeq), id, Instant.ofEpochMilli(end + 1000), 5, null, null, null,
                    null, null));
        }
    }

    private long randomWait() {
        if (rnd.nextInt(3) == 0) {
            return SPECIAL_WAITS[rnd.nextInt(SPECIAL_WAITS.length)];
        }
        return rnd.nextInt(4) == 0 ? rnd.nextInt(600_000) : rnd.nextInt(60_000);
    }

    /** Contiguous spans of one agent over [from, to), with gaps (offline). */
    public void timeline(String agent, long from, long to) {
        long t = from + rnd.nextInt(3_600_000);
        while (t < to) {
            long len;
            int r = rnd.nextInt(10);
            if (r == 0) {
                len = 15 * 60_000L * (1 + rnd.nextInt(8)); // whole buckets
            } else if (r == 1) {
                len = 2 * 3_600_000L + rnd.nextInt(3_600_000); // long
            } else {
                len = 1000 + rnd.nextInt(25 * 60_000);
            }
            long end = Math.min(to, t + len);
            AgentState st = pick(AgentState.AVAILABLE, AgentState.AVAILABLE, AgentState.ON_CONTACT, AgentState.ON_CONTACT,
                    AgentState.RINGING, AgentState.ACW, AgentState.AWAY);
            String reason = st == AgentState.AWAY ? REASONS[rnd.nextInt(REASONS.length)] : null;
            if (end > t) {
                facts.add(new AgentStateSpan(agent, teamOf(agent), st, reason, Instant.ofEpochMilli(t),
                        Instant.ofEpochMilli(end)));
            }
            t = end;
            if (rnd.nextInt(25) == 0) {
                t += rnd.nextInt(4 * 3_600_000); // logged out for a while
            }
        }
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[rnd.nextInt(values.length)];
    }
}
