package io.ccpulse.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.settings.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hard requirement of EVENTS.md: for the same set of events, every fact and every counter is the same
 * whatever the arrival order, as long as no event arrives more than the allowed lateness (5 min) behind the
 * newest event time seen; duplicates and batching change nothing either.
 */
@DisplayName("Arrival order, duplicates and batching")
class OrderPropertyTest {

    private static final long LATENESS_MS = 300_000;
    private static final Set<String> ARRIVAL_DEPENDENT = Set.of("replays");

    /** What a run produces: every drained fact (sorted), the final snapshot and the final anomaly counts. */
    record Outcome(List<Fact> facts, String snapshot, Map<String, Long> anomalies, long replays, int late) {
    }

    private static final Comparator<Fact> FACT_ORDER = Comparator
            .comparing((Fact f) -> f.getClass().getSimpleName())
            .thenComparing(Fact::key)
            .thenComparing(Object::toString);

    static Outcome run(List<List<Event>> batches) {
        Engine engine = new Engine(Settings.DEFAULTS);
        List<Fact> facts = new ArrayList<>();
        int late = 0;
        for (List<Event> b : batches) {
            late += engine.apply(b).lateIds().size();
            facts.addAll(engine.drainFinal());
        }
        engine.flushAll();
        facts.addAll(engine.drainFinal());
        assertUniqueKeys(facts);
        facts.sort(FACT_ORDER);
        Instant now = EventGenerator.T0.plusSeconds(6 * 3600 + 1800);
        return new Outcome(facts, Render.of(engine.snapshot(now), ARRIVAL_DEPENDENT), engine.anomalies(),
                engine.replays(), late);
    }

    /** Every fact is drained exactly once: no two facts of a type share a key. */
    static void assertUniqueKeys(List<Fact> facts) {
        Set<String> keys = new HashSet<>();
        for (Fact f : facts) {
            String k = f.getClass().getSimpleName() + ":" + f.key();
            if (!keys.add(k)) {
                fail("fact drained twice: " + k + " " + f);
            }
        }
    }

    static void assertSameOutcome(Outcome expected, Outcome actual) {
        assertEquals(0, actual.late(), "no event is late");
        assertEquals(expected.facts().size(), actual.facts().size(), "number of facts");
        for (int i = 0; i < expected.facts().size(); i++) {
            if (!expected.facts().get(i).equals(actual.facts().get(i))) {
                fail("first different fact at " + i + ":\n expected " + expected.facts().get(i) + "\n actual   "
                        + actual.facts().get(i));
            }
        }
        assertEquals(expected.anomalies(), actual.anomalies(), "anomalies");
        assertEquals(expected.snapshot(), actual.snapshot(), "snapshot");
    }

    /** 14 agents over 6 h: about 50 % occupancy with 700 contacts. */
    private static List<Event> generate(long seed, boolean odd, int contacts) {
        return new EventGenerator(seed, odd).generate(14, contacts, 6 * 3600);
    }

    @Test
    @DisplayName("applying in order one by one gives the same as one sorted batch, without replays")
    void inOrderSinglesEqualOneBatch() {
        List<Event> events = generate(1, true, 500);
        Outcome batch = run(List.of(events));
        Outcome singles = run(EventGenerator.singles(events));
        assertSameOutcome(batch, singles);
        assertEquals(0, singles.replays());
        assertTrue(batch.facts().size() > 2500, "a realistic amount of facts: " + batch.facts().size());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    @DisplayName("shuffling events within the allowed lateness, one by one, changes no fact, counter or tally")
    void shuffledWithinLateness(long seed) {
        List<Event> events = generate(seed, true, 700);
        Outcome expected = run(List.of(events));
        Outcome shuffled = run(EventGenerator.singles(EventGenerator.shuffled(events, LATENESS_MS, new Random(seed))));
        assertSameOutcome(expected, shuffled);
        assertTrue(shuffled.replays() > 100, "the shuffle made the engine replay: " + shuffled.replays());
    }

    @ParameterizedTest(name = "{0} events back")
    @ValueSource(ints = {3, 40, 300, 1_500})
    @DisplayName("an event arriving d events late replays at most about 2 d events (plus checkpoint spacings), not a fixed "
            + "interval, and changes nothing")
    void replayGrowsWithHowFarBack(int back) {
        List<Event> events = new EventGenerator(31, true).generate(40, 5000, 3600); // ~10 events/s
        events.sort(Keys.ORDER);
        int late = events.size() / 2; // 1,500 events are 2-3 minutes here: within the allowed lateness
        List<Event> arrival = new ArrayList<>(events);
        Event held = arrival.remove(late);
        arrival.add(late + back, held); // arrives after the `back` events that follow it
        Engine engine = new Engine(Settings.DEFAULTS);
        long before = 0;
        long replayed = -1;
        for (Event e : arrival) {
            engine.apply(List.of(e));
            if (e == held) {
                replayed = engine.sizes().get("replayedEvents") - before;
            }
            before = engine.sizes().get("replayedEvents");
        }
        assertEquals(1, engine.replays());
        long spacing = Math.max(Engine.FINE_CHECKPOINT_EVENTS, 60); // state size / 8 stays below the spacing here
        // kept checkpoints lie about 1, 2, 4... spacings back (one per level): the one before the late event is at most
        // about twice as far back as it, plus the spacing, plus the events since the newest checkpoint
        assertTrue(replayed >= back + 1 && replayed <= 2L * back + 3 * spacing + 1,
                back + " events back: replayed " + replayed);
        Outcome expected = run(List.of(events));
        Outcome actual = run(EventGenerator.singles(arrival));
        assertSameOutcome(expected, actual);
    }

    @Test
    @DisplayName("an overloaded hour (many events within the lateness window, parallel contacts) shuffled in small batches changes nothing")
    void shuffledUnderLoad() {
        List<Event> events = new EventGenerator(14, true).generate(14, 1200, 3600);
        Outcome expected = run(List.of(events));
        Random r = new Random(14);
        Outcome shuffled = run(EventGenerator.batches(EventGenerator.shuffled(events, LATENESS_MS, r), 8, r));
        assertSameOutcome(expected, shuffled);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    @DisplayName("sending events twice, shuffled, in random batches changes no fact, counter or tally")
    void duplicatesInRandomBatches(long seed) {
        List<Event> events = generate(seed, true, 700);
        Outcome expected = run(List.of(events));
        Random r = new Random(seed);
        List<Event> twice = EventGenerator.withDuplicates(events, LATENESS_MS, r);
        assertTrue(twice.size() > events.size() * 1.2);
        Outcome actual = run(EventGenerator.batches(twice, 300, r));
        assertSameOutcome(expected, actual);
    }

    @Test
    @DisplayName("events arriving exactly the allowed lateness behind the newest one are still applied")
    void delaysUpToExactlyTheLateness() {
        List<Event> events = generate(31, false, 400);
        Outcome expected = run(List.of(events));
        // every event delayed by 0 or by exactly 5 minutes
        Random r = new Random(31);
        List<Event> arrival = new ArrayList<>(events);
        record A(long at, int i) {
        }
        List<A> order = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            order.add(new A(events.get(i).time().toEpochMilli() + (r.nextBoolean() ? LATENESS_MS : 0), i));
        }
        order.sort(Comparator.comparingLong(A::at).thenComparingInt(A::i));
        arrival.clear();
        for (A a : order) {
            arrival.add(events.get(a.i()));
        }
        assertSameOutcome(expected, run(EventGenerator.batches(arrival, 50, r)));
    }

    @Test
    @DisplayName("the number of facts is right: one visit per queued or blocked, one segment per answer or dial, one contact each, every survey")
    void factCounts() {
        EventGenerator g = new EventGenerator(41, false);
        List<Event> events = g.generate(14, 700, 6 * 3600);
        Outcome o = run(EventGenerator.batches(EventGenerator.shuffled(events, LATENESS_MS, new Random(41)), 100,
                new Random(42)));
        List<Fact> f = o.facts();
        assertEquals(g.queuedEvents + g.blockedEvents, Ev.only(f, QueueVisit.class).size(), "visits");
        assertEquals(g.answeredEvents + g.dialedEvents, Ev.only(f, HandleSegment.class).size(), "segments");
        assertEquals(g.contacts, Ev.only(f, ContactFact.class).size(), "contacts");
        assertEquals(g.surveyEvents, Ev.only(f, SurveyFact.class).size(), "surveys");
        assertEquals(g.lateWraps == 0 ? Map.of() : Map.of(Anomaly.WRAP_AFTER_ACW_CLOSED, (long) g.lateWraps),
                o.anomalies(), "the only anomalies are the wraps after the ACW cap");
        // tickets: versions 1..n of every generated ticket, each once; the newest one counts what was generated
        java.util.TreeMap<String, List<TicketFact>> byTicket = new java.util.TreeMap<>();
        for (TicketFact t : Ev.only(f, TicketFact.class)) {
            byTicket.computeIfAbsent(t.ticket(), k -> new ArrayList<>()).add(t);
        }
        assertEquals(g.tickets.keySet(), byTicket.keySet(), "every ticket has facts");
        assertTrue(g.tickets.size() > 20, "a realistic amount of tickets: " + g.tickets.size());
        for (Map.Entry<String, List<TicketFact>> e : byTicket.entrySet()) {
            List<TicketFact> v = e.getValue();
            v.sort(Comparator.comparingInt(TicketFact::version));
            for (int i = 0; i < v.size(); i++) {
                assertEquals(i + 1, v.get(i).version(), e.getKey() + " versions without gap");
                assertEquals(i == 0 ? null : v.get(i - 1).withoutPrevious(), v.get(i).previous(), e.getKey());
            }
            TicketFact newest = v.get(v.size() - 1);
            int[] counts = g.tickets.get(e.getKey());
            assertEquals(counts[0], newest.escalations(), e.getKey() + " escalations");
            assertEquals(counts[1], newest.resolutions(), e.getKey() + " resolutions");
            assertEquals(counts[2], newest.reopens(), e.getKey() + " reopens");
        }
        List<TicketFact> newest = byTicket.values().stream().map(v -> v.get(v.size() - 1)).toList();
        assertTrue(newest.stream().anyMatch(t -> t.responseSla() == io.ccpulse.domain.fact.SlaStatus.BREACHED),
                "some response SLA breached");
        assertTrue(newest.stream().anyMatch(t -> t.resolutionSla() == io.ccpulse.domain.fact.SlaStatus.BREACHED),
                "some resolution SLA breached");
        assertTrue(newest.stream().anyMatch(t -> t.reopens() > 0 && t.resolvedAt() != null), "some resolved again");
        for (SurveyFact s : Ev.only(f, SurveyFact.class)) {
            // outbound contacts dialed without queue have none
            assertTrue(s.queue() != null || s.agent() != null, "every survey attributed: " + s);
        }
    }

    @Test
    @DisplayName("agent spans cover each staffed session from login to logout without gap or overlap")
    void spansCoverSessions() {
        EventGenerator g = new EventGenerator(51, false);
        List<Event> events = g.generate(14, 600, 6 * 3600);
        Outcome o = run(EventGenerator.singles(EventGenerator.shuffled(events, LATENESS_MS, new Random(51))));
        for (Map.Entry<String, List<long[]>> e : g.sessions.entrySet()) {
            List<AgentStateSpan> spans = new ArrayList<>(Ev.only(o.facts(), AgentStateSpan.class).stream()
                    .filter(s -> s.agent().equals(e.getKey())).toList());
            spans.sort(Comparator.comparing(AgentStateSpan::start));
            for (long[] session : e.getValue()) {
                long from = EventGenerator.T0.plusSeconds(session[0]).toEpochMilli();
                long t = from;
                for (AgentStateSpan s : spans) {
                    if (s.start().toEpochMilli() < from) {
                        continue;
                    }
                    if (session[1] != Long.MAX_VALUE
                            && s.start().toEpochMilli() >= EventGenerator.T0.plusSeconds(session[1]).toEpochMilli()) {
                        break;
                    }
                    assertEquals(t, s.start().toEpochMilli(), e.getKey() + ": no gap or overlap before " + s);
                    t = s.end().toEpochMilli();
                }
                if (session[1] != Long.MAX_VALUE) {
                    assertEquals(EventGenerator.T0.plusSeconds(session[1]).toEpochMilli(), t,
                            e.getKey() + ": spans reach the logout");
                }
            }
        }
    }
}
