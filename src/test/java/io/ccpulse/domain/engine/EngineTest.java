package io.ccpulse.domain.engine;

import static io.ccpulse.domain.engine.Ev.at;
import static io.ccpulse.domain.engine.Ev.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reorder buffer, lateness, duplicates, finality and memory of the engine. */
@DisplayName("Engine order, lateness and memory")
class EngineTest {

    private final Ev ev = new Ev();

    @Test
    @DisplayName("an event more than 5 minutes behind the newest event time is late: reported, counted, not applied")
    void lateEventsAreReportedAndNotApplied() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(ev.queued(0, "c1", "billing"), ev.queued(1000, "c2", "billing")));
        // watermark = 1000 - 300 = 700 s
        Event late = ev.queued(699.999, "c-late", "billing");
        Event onTheEdge = ev.queued(700, "c-edge", "billing");
        ApplyResult r = engine.apply(List.of(late, onTheEdge));
        assertEquals(List.of(late.id()), r.lateIds());
        assertEquals(1, r.applied());
        assertEquals("none", engine.contactPhase("c-late"));
        assertEquals("queued", engine.contactPhase("c-edge"));
        assertEquals(1, engine.lateEvents());
        // also a late abandon does not touch the contact it names
        ApplyResult r2 = engine.apply(List.of(ev.abandoned(10, "c1")));
        assertEquals(1, r2.lateIds().size());
        assertEquals("queued", engine.contactPhase("c1"));
        LiveSnapshot s = engine.snapshot(at(1000));
        assertEquals(2, s.totals().lateEvents());
        assertEquals(3, s.queues().get(0).waiting());
    }

    @Test
    @DisplayName("within a batch, lateness follows the arrival order: an old event after a new one is late")
    void latenessInsideABatchFollowsArrivalOrder() {
        Engine engine = new Engine(Settings.DEFAULTS);
        Event old = ev.queued(0, "c1", "billing");
        Event recent = ev.queued(1000, "c2", "billing");
        assertEquals(List.of(old.id()), engine.apply(List.of(recent, old)).lateIds());
        Engine other = new Engine(Settings.DEFAULTS);
        assertEquals(List.of(), other.apply(List.of(old, recent)).lateIds());
    }

    @Test
    @DisplayName("an id seen twice within the reorder window is ignored and reported as duplicate")
    void duplicatesAreIgnored() {
        Engine engine = new Engine(Settings.DEFAULTS);
        Event q = ev.queued(0, "c1", "billing");
        Event a = ev.abandoned(40, "c1");
        ApplyResult r1 = engine.apply(List.of(q, a, a));
        assertEquals(List.of(a.id()), r1.duplicateIds());
        ApplyResult r2 = engine.apply(List.of(q));
        assertEquals(List.of(q.id()), r2.duplicateIds());
        assertEquals(0, r2.applied());
        engine.flushAll();
        assertEquals(1, only(engine.drainFinal(), QueueVisit.class).size());
        assertEquals(Map.of(), engine.anomalies());
    }

    @Test
    @DisplayName("facts become final once the event that completed them is behind the watermark, and are drained once")
    void factsAreDrainedOnceWhenFinal() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(ev.queued(0, "c1", "billing"), ev.abandoned(40, "c1")));
        assertEquals(List.of(), engine.drainFinal(), "40 s is not behind the watermark 40 - 300");
        engine.apply(List.of(ev.queued(340, "c2", "billing")));
        assertEquals(List.of(), engine.drainFinal(), "watermark 40: the abandon at 40 is not behind it");
        engine.apply(List.of(ev.queued(340.001, "c3", "billing")));
        List<Fact> drained = engine.drainFinal();
        assertEquals(2, drained.size(), "visit and contact of c1: " + drained);
        assertEquals(List.of(), engine.drainFinal(), "drained only once");
        engine.flushAll();
        assertEquals(List.of(), engine.drainFinal(), "nothing else is over");
    }

    @Test
    @DisplayName("an event arriving out of order rolls back: the pending fact it changes is replaced, never drained twice")
    void rollbackReplacesPendingFacts() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(ev.login(0, "a1", "t1", "billing"), ev.queued(0, "c1", "billing")));
        engine.apply(List.of(ev.ended(30, "c1")));
        ApplyResult r = engine.apply(List.of(ev.answered(20, "c1", "a1")));
        assertTrue(r.replayed());
        assertEquals(1, engine.replays());
        engine.apply(List.of(ev.wrapped(35, "c1", "a1", true)));
        engine.flushAll();
        List<Fact> facts = engine.drainFinal();
        List<QueueVisit> visits = only(facts, QueueVisit.class);
        assertEquals(1, visits.size());
        assertEquals(VisitOutcome.ANSWERED, visits.get(0).outcome());
        assertEquals(20_000, visits.get(0).waitMs());
        assertTrue(only(facts, ContactFact.class).get(0).answered());
    }

    @Test
    @DisplayName("a replay that starts before the watermark does not emit the already drained facts again")
    void replayDoesNotReEmitDrainedFacts() {
        Engine engine = new Engine(Settings.DEFAULTS);
        List<Fact> all = new ArrayList<>();
        // checkpoints: after the first event (0 s), then at least 10 s later; c1 is over at 5 s
        engine.apply(List.of(ev.queued(0, "c1", "billing")));
        engine.apply(List.of(ev.abandoned(5, "c1")));
        engine.apply(List.of(ev.queued(306, "c2", "billing")));
        all.addAll(engine.drainFinal());
        assertEquals(2, all.size(), "watermark 6 s: c1's visit and contact are final and drained");
        // 200 s >= watermark: rolls back to the checkpoint at 0 s and replays c1's end
        assertTrue(engine.apply(List.of(ev.queued(200, "c3", "billing"))).replayed());
        all.addAll(engine.drainFinal());
        engine.flushAll();
        all.addAll(engine.drainFinal());
        OrderPropertyTest.assertUniqueKeys(all);
        assertEquals(2, engine.sizes().get("suppressed"), "the replay produced c1's two facts again: dropped");
        assertEquals(1, only(all, QueueVisit.class).size());
        assertEquals(Map.of(), engine.anomalies());
    }

    @Test
    @DisplayName("after flushAll everything is final; older events are late, newer ones still apply and reorder")
    void flushAll() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(ev.login(0, "a1", "t1", "billing"), ev.queued(10, "c1", "billing"),
                ev.answered(20, "c1", "a1")));
        engine.flushAll();
        assertEquals(2, engine.drainFinal().size(), "the answered visit and the span available 0..20");
        assertEquals("connected", engine.contactPhase("c1"), "open contacts stay");
        assertEquals(1, engine.apply(List.of(ev.queued(15, "c-old", "billing"))).lateIds().size());
        engine.apply(List.of(ev.wrapped(60, "c1", "a1", true)));
        ApplyResult r = engine.apply(List.of(ev.ended(50, "c1")));
        assertTrue(r.replayed());
        engine.flushAll();
        assertEquals("closed", engine.contactPhase("c1"));
    }

    @Test
    @DisplayName("the ACW cap fires in event time only: a snapshot far in the future does not close ACW")
    void capFiresInEventTimeOnly() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(ev.login(0, "a1", "t1", "billing"), ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1"), ev.ended(100, "c1")));
        assertEquals(AgentState.ACW, engine.snapshot(at(5000)).agents().get(0).state());
        engine.apply(List.of(ev.login(5000, "a2", "t1", "billing")));
        AgentLive a1 = engine.snapshot(at(5000)).agents().get(0);
        assertEquals(AgentState.AVAILABLE, a1.state());
        assertEquals(at(700), a1.since(), "ACW ended at the cap, 100 + 600 s");
    }

    @Test
    @DisplayName("a live contact without events for 24 h is evicted by the hourly sweep, and its agent freed")
    void staleContactsAreEvicted() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(ev.login(0, "a1", "t1", "billing"), ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1")));
        engine.apply(List.of(ev.queued(24 * 3600, "c2", "billing")));
        assertEquals("connected", engine.contactPhase("c1"), "the sweep at 24:00 sees 10 s short of 24 h");
        engine.apply(List.of(ev.queued(25 * 3600, "c3", "billing")));
        assertEquals("none", engine.contactPhase("c1"));
        engine.flushAll();
        assertEquals(Map.of(Anomaly.STALE_CONTACT_EVICTED, 1L), engine.anomalies());
        assertEquals(AgentState.AVAILABLE, engine.snapshot(at(25 * 3600)).agents().get(0).state());
    }

    @Test
    @DisplayName("memory stays bounded over a long stream: checkpoints, tail and pending facts only cover the lateness")
    void memoryStaysBounded() {
        List<Event> events = new EventGenerator(77, true).generate(20, 3000, 20 * 3600);
        Engine engine = new Engine(Settings.DEFAULTS);
        int maxTail = 0;
        int maxCheckpoints = 0;
        int maxPending = 0;
        for (int i = 0; i < events.size(); i += 50) {
            engine.apply(events.subList(i, Math.min(events.size(), i + 50)));
            engine.drainFinal();
            Map<String, Integer> sizes = engine.sizes();
            maxTail = Math.max(maxTail, sizes.get("tail"));
            maxCheckpoints = Math.max(maxCheckpoints, sizes.get("checkpoints"));
            maxPending = Math.max(maxPending, sizes.get("pending"));
        }
        // about 0.5 events per second: 5 min of lateness is ~150 events
        assertTrue(maxTail < 1500, "tail " + maxTail);
        assertTrue(maxCheckpoints < 60, "checkpoints " + maxCheckpoints);
        assertTrue(maxPending < 1500, "pending " + maxPending);
        assertTrue(engine.sizes().get("timers") < 100, "timers " + engine.sizes());
        assertTrue(engine.sizes().get("dayBooks") <= 2, "day tallies " + engine.sizes());
        assertTrue(engine.sizes().get("minuteBooks") <= 61, "minute tallies " + engine.sizes());
        assertFalse(engine.anomalies().containsKey(Anomaly.UNHANDLED_EVENT_TYPE));
    }
}
