package io.ccpulse.domain.engine;

import static io.ccpulse.domain.engine.Ev.at;
import static io.ccpulse.domain.engine.Ev.only;
import static io.ccpulse.domain.engine.Ev.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.event.Sender;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.HandleSegment.AcwEnd;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.QueueTally;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hand-computed scenarios: event streams in, facts out. Times are seconds after 08:00:00Z. */
@DisplayName("Engine scenarios")
class ScenarioTest {

    private final Ev ev = new Ev();

    private static AgentStateSpan span(String agent, String team, AgentState s, String reason, double from, double to) {
        return new AgentStateSpan(agent, team, s, reason, at(from), at(to));
    }

    private static List<AgentStateSpan> spans(List<Fact> facts, String agent) {
        return only(facts, AgentStateSpan.class).stream().filter(s -> s.agent().equals(agent)).toList();
    }

    @Test
    @DisplayName("a simple call gives one answered visit, one wrapped segment, one contact, a survey and gap-free agent spans")
    void simpleCall() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "billing"),
                ev.queued(60, "c1", "billing"),
                ev.offered(62, "c1", "a1"),
                ev.answered(72, "c1", "a1"),
                ev.ended(340, "c1"),
                ev.wrapped(370, "c1", "a1", true),
                ev.survey(420, "c1", 5, 9));

        // wait = 72 - 60 = 12 s
        assertEquals(List.of(new QueueVisit("c1", 1, "billing", Channel.VOICE, Direction.INBOUND, "cust-c1", null,
                at(60), at(72), 12_000, VisitOutcome.ANSWERED, "a1")), only(facts, QueueVisit.class));
        // talk = 340 - 72 = 268 s, acw = 370 - 340 = 30 s
        assertEquals(List.of(new HandleSegment("c1", 1, "a1", "t1", "billing", Channel.VOICE, Direction.INBOUND,
                "cust-c1", at(72), at(340), at(370), 268_000, 0, 30_000, false, true, "done", AcwEnd.WRAPPED)),
                only(facts, HandleSegment.class));
        assertEquals(List.of(new ContactFact("c1", "cust-c1", Direction.INBOUND, Channel.VOICE, "billing", at(60),
                at(340), true, "a1", "t1", true, null)), only(facts, ContactFact.class));
        assertEquals(List.of(new SurveyFact("e-7", "c1", at(420), 5, 9, "billing", Channel.VOICE, "a1", "t1")),
                only(facts, SurveyFact.class));
        // available 0-62, ringing 62-72, on_contact 72-340, acw 340-370; available since 370 is still open
        assertEquals(List.of(
                span("a1", "t1", AgentState.AVAILABLE, null, 0, 62),
                span("a1", "t1", AgentState.RINGING, null, 62, 72),
                span("a1", "t1", AgentState.ON_CONTACT, null, 72, 340),
                span("a1", "t1", AgentState.ACW, null, 340, 370)), spans(facts, "a1"));
    }

    @Test
    @DisplayName("the snapshot of a simple call shows the tallies of today and the last 15 minutes and the agent's open span")
    void simpleCallSnapshot() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(
                ev.login(0, "a1", "t1", "billing"),
                ev.queued(60, "c1", "billing"),
                ev.answered(72, "c1", "a1"),
                ev.ended(340, "c1"),
                ev.wrapped(370, "c1", "a1", true),
                ev.queued(380, "c2", "billing")));
        LiveSnapshot s = engine.snapshot(at(400));
        QueueLive q = s.queues().get(0);
        assertEquals("billing", q.queue());
        assertEquals(1, q.waiting());
        assertEquals(at(380), q.oldestWaitingSince());
        assertEquals(20.0, q.oldestWaitSeconds(at(400)), 1e-9);
        assertEquals(1, q.agents().get(AgentState.AVAILABLE));
        assertEquals(1, q.today().answered());
        assertEquals(1, q.today().answeredInThreshold()); // 12 s <= 20 s
        assertEquals(1, q.today().segments());
        assertEquals(268_000 + 30_000, q.today().talkMs() + q.today().acwMs());
        assertEquals(1, q.last15m().answered()); // left the queue at 08:01:12, within 07:52..08:06:40
        AgentLive a = s.agents().get(0);
        assertEquals(AgentState.AVAILABLE, a.state());
        assertEquals(at(370), a.since());
        AgentTally t = a.today();
        // available 0-72 and 370-400 (open, up to now) = 102 s; on_contact 268 s; acw 30 s
        assertEquals(102_000, t.stateMs(AgentState.AVAILABLE));
        assertEquals(268_000, t.stateMs(AgentState.ON_CONTACT));
        assertEquals(30_000, t.stateMs(AgentState.ACW));
        assertEquals(400_000, t.staffedMs());
        // counters only count final facts: the watermark is 380 - 300 = 80 s, so the visit (completed by the
        // answer at 72 s) is final, the segment (completed by the wrap at 370 s) is not yet
        assertEquals(at(80), s.watermark());
        assertEquals(1, s.totals().queues().get(0).answered());
        assertEquals(0, s.totals().queues().get(0).segments());
        engine.flushAll();
        LiveSnapshot f = engine.snapshot(at(400));
        QueueTotals qt = f.totals().queues().get(0);
        assertEquals(1, qt.answered());
        assertEquals(1, qt.segments());
        // agent time counted up to the flushed event time 380: available 72+10, on_contact 268, acw 30
        assertEquals(List.of(new AgentStateTotal("t1", AgentState.AVAILABLE, 82_000),
                new AgentStateTotal("t1", AgentState.ON_CONTACT, 268_000),
                new AgentStateTotal("t1", AgentState.ACW, 30_000)), f.totals().agentStates());
    }

    @Test
    @DisplayName("an abandon after 40 s is an abandoned visit and an unanswered contact")
    void abandon() {
        List<Fact> facts = run(ev.queued(0, "c1", "billing"), ev.abandoned(40, "c1"));
        QueueVisit v = only(facts, QueueVisit.class).get(0);
        assertEquals(VisitOutcome.ABANDONED, v.outcome());
        assertEquals(40_000, v.waitMs());
        ContactFact c = only(facts, ContactFact.class).get(0);
        assertFalse(c.answered());
        assertEquals(at(40), c.endedAt());
        assertNull(c.firstAgent());
    }

    @Test
    @DisplayName("an abandon after 3 s is a short abandon in the tallies and the counters")
    void shortAbandon() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(ev.queued(0, "c1", "billing"), ev.abandoned(3, "c1"),
                ev.queued(10, "c2", "billing"), ev.abandoned(16, "c2")));
        engine.flushAll();
        QueueLive q = engine.snapshot(at(20)).queues().get(0);
        // 3 s < 5 s: short; 6 s >= 5 s: abandoned (and in threshold: 6 <= 20)
        assertEquals(1, q.today().shortAbandoned());
        assertEquals(1, q.today().abandoned());
        assertEquals(2, q.today().offered());
        QueueTotals t = engine.snapshot(at(20)).totals().queues().get(0);
        assertEquals(1, t.shortAbandoned());
        assertEquals(1, t.abandoned());
        assertEquals(1, t.abandonedInThreshold());
    }

    @Test
    @DisplayName("contact.ended while queued and ringing is an abandon, and the ringing agent becomes available")
    void endedWhileQueued() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "billing"),
                ev.queued(0, "c1", "billing"),
                ev.offered(5, "c1", "a1"),
                ev.ended(30, "c1"),
                ev.logout(50, "a1"));
        QueueVisit v = only(facts, QueueVisit.class).get(0);
        assertEquals(VisitOutcome.ABANDONED, v.outcome());
        assertEquals(30_000, v.waitMs());
        assertEquals(List.of(
                span("a1", "t1", AgentState.AVAILABLE, null, 0, 5),
                span("a1", "t1", AgentState.RINGING, null, 5, 30),
                span("a1", "t1", AgentState.AVAILABLE, null, 30, 50)), spans(facts, "a1"));
    }

    @Test
    @DisplayName("a transfer after answer gives two visits and two segments, the first one transferred")
    void transferAfterAnswer() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "billing"),
                ev.login(0, "a2", "t2", "sales"),
                ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1"),
                ev.toQueue(100, "c1", "a1", "sales"),
                ev.queued(101, "c1", "sales"),
                ev.answered(121, "c1", "a2"),
                ev.wrapped(130, "c1", "a1", null),
                ev.ended(300, "c1"),
                ev.wrapped(320, "c1", "a2", true));
        List<QueueVisit> visits = only(facts, QueueVisit.class);
        assertEquals(2, visits.size());
        assertEquals(new QueueVisit("c1", 1, "billing", Channel.VOICE, Direction.INBOUND, "cust-c1", null, at(0),
                at(10), 10_000, VisitOutcome.ANSWERED, "a1"), visits.get(0));
        assertEquals(new QueueVisit("c1", 2, "sales", Channel.VOICE, Direction.INBOUND, "cust-c1", null, at(101),
                at(121), 20_000, VisitOutcome.ANSWERED, "a2"), visits.get(1));
        List<HandleSegment> segs = only(facts, HandleSegment.class);
        // a1: talk 10..100 = 90 s, acw 100..130 = 30 s, transferred; a2: talk 121..300 = 179 s, acw 20 s
        assertEquals(new HandleSegment("c1", 1, "a1", "t1", "billing", Channel.VOICE, Direction.INBOUND, "cust-c1",
                at(10), at(100), at(130), 90_000, 0, 30_000, true, null, null, AcwEnd.WRAPPED), segs.get(0));
        assertEquals(new HandleSegment("c1", 2, "a2", "t2", "sales", Channel.VOICE, Direction.INBOUND, "cust-c1",
                at(121), at(300), at(320), 179_000, 0, 20_000, false, true, "done", AcwEnd.WRAPPED), segs.get(1));
        ContactFact c = only(facts, ContactFact.class).get(0);
        assertEquals("billing", c.entryQueue());
        assertEquals("a1", c.firstAgent());
        assertEquals(true, c.lastResolved());
    }

    @Test
    @DisplayName("a transfer to an agent gives one visit and two segments, the second in the same queue")
    void transferToAgent() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "billing"),
                ev.login(0, "a2", "t2", "sales"),
                ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1"),
                ev.toAgent(60, "c1", "a1", "a2"),
                ev.offered(60, "c1", "a2"),
                ev.answered(70, "c1", "a2"),
                ev.ended(100, "c1"),
                ev.wrapped(105, "c1", "a1", null),
                ev.wrapped(110, "c1", "a2", null));
        assertEquals(1, only(facts, QueueVisit.class).size());
        List<HandleSegment> segs = only(facts, HandleSegment.class);
        assertEquals(2, segs.size());
        assertTrue(segs.get(0).transferred());
        assertEquals(50_000, segs.get(0).talkMs());
        assertEquals("billing", segs.get(1).queue());
        assertEquals(30_000, segs.get(1).talkMs());
        assertEquals(10_000, segs.get(1).acwMs());
    }

    @Test
    @DisplayName("a transfer while still queued is a flow-out of that visit")
    void transferBeforeAnswerIsFlowOut() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "sales"),
                ev.queued(0, "c1", "billing"),
                ev.toQueue(30, "c1", "ivr", "sales"),
                ev.queued(30, "c1", "sales"),
                ev.answered(45, "c1", "a1"),
                ev.ended(60, "c1"),
                ev.wrapped(60, "c1", "a1", null));
        List<QueueVisit> visits = only(facts, QueueVisit.class);
        assertEquals(VisitOutcome.FLOWED_OUT, visits.get(0).outcome());
        assertEquals(30_000, visits.get(0).waitMs());
        assertNull(visits.get(0).agent());
        assertEquals(VisitOutcome.ANSWERED, visits.get(1).outcome());
        assertEquals(15_000, visits.get(1).waitMs());
        assertEquals("sales", only(facts, HandleSegment.class).get(0).queue());
    }

    @Test
    @DisplayName("hold spans are summed into hold and taken out of talk, also a hold still running at the end")
    void hold() {
        List<Fact> facts = run(
                ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1"),
                ev.held(40, "c1"),
                ev.resumed(70, "c1"),
                ev.held(100, "c1"),
                ev.resumed(110, "c1"),
                ev.held(150, "c1"),
                ev.ended(200, "c1"),
                ev.wrapped(200, "c1", "a1", null));
        HandleSegment s = only(facts, HandleSegment.class).get(0);
        // hold = 30 + 10 + 50 = 90 s; talk = (200 - 10) - 90 = 100 s
        assertEquals(90_000, s.holdMs());
        assertEquals(100_000, s.talkMs());
        assertEquals(0, s.acwMs());
    }

    @Test
    @DisplayName("ACW without wrap is cut by the cap (600 s by default, per queue) once a later event arrives")
    void acwCap() {
        Settings settings = new Settings(Duration.ofMinutes(5), ZoneId.of("UTC"), QueueSettings.DEFAULTS,
                Map.of("short", new QueueSettings(Map.of(), 0.8, QueueSettings.DEFAULTS.abandonMode(), 5, 120,
                        Duration.ofDays(7), QueueSettings.DEFAULTS.fcrScope(), 4, 30)), 0);
        List<Fact> facts = run(settings,
                ev.login(0, "a1", "t1", "billing"),
                ev.login(0, "a2", "t1", "short"),
                ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1"),
                ev.queued(0, "c2", "short"),
                ev.answered(10, "c2", "a2"),
                ev.ended(100, "c1"),
                ev.ended(100, "c2"),
                ev.login(800, "a3", "t1"),
                ev.wrapped(900, "c1", "a1", true));
        List<HandleSegment> segs = only(facts, HandleSegment.class);
        // c2 cap 120 s: ACW 100..220; c1 cap 600 s: ACW 100..700
        assertEquals("c2", segs.get(0).contact());
        assertEquals(120_000, segs.get(0).acwMs());
        assertEquals(AcwEnd.CAP, segs.get(0).acwEnd());
        assertEquals(600_000, segs.get(1).acwMs());
        assertEquals(at(700), segs.get(1).acwEndAt());
        assertEquals(AcwEnd.CAP, segs.get(1).acwEnd());
        assertNull(segs.get(1).resolved());
        assertTrue(spans(facts, "a1").contains(span("a1", "t1", AgentState.ACW, null, 100, 700)));
        // the wrap at 900 comes after the contact is over
        Engine engine = new Engine(settings);
        engine.apply(List.of(ev.queued(0, "c9", "billing"), ev.answered(10, "c9", "a1"), ev.ended(100, "c9"),
                ev.login(800, "a3", "t1"), ev.wrapped(900, "c9", "a1", true)));
        engine.flushAll();
        assertEquals(1L, engine.anomalies().get(Anomaly.WRAP_AFTER_ACW_CLOSED));
    }

    @Test
    @DisplayName("the agent's next activity ends ACW; the segment still takes the resolved flag of a wrap that follows")
    void acwEndedByNextActivity() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "billing"),
                ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1"),
                ev.ended(100, "c1"),
                ev.queued(110, "c2", "billing"),
                ev.answered(130, "c2", "a1"),
                ev.wrapped(160, "c1", "a1", true),
                ev.ended(200, "c2"),
                ev.away(230, "a1", "break"),
                ev.login(2000, "a9", "t9"));
        List<HandleSegment> segs = only(facts, HandleSegment.class);
        HandleSegment s1 = segs.stream().filter(s -> s.contact().equals("c1")).findFirst().orElseThrow();
        // ACW 100..130 (next activity: answered c2), resolved from the wrap at 160
        assertEquals(at(130), s1.acwEndAt());
        assertEquals(30_000, s1.acwMs());
        assertEquals(AcwEnd.NEXT_ACTIVITY, s1.acwEnd());
        assertEquals(true, s1.resolved());
        HandleSegment s2 = segs.stream().filter(s -> s.contact().equals("c2")).findFirst().orElseThrow();
        // ACW 200..230 (status change), no wrap: written at the cap 800
        assertEquals(30_000, s2.acwMs());
        assertEquals(AcwEnd.NEXT_ACTIVITY, s2.acwEnd());
        assertNull(s2.resolved());
        assertEquals(List.of(
                span("a1", "t1", AgentState.AVAILABLE, null, 0, 10),
                span("a1", "t1", AgentState.ON_CONTACT, null, 10, 100),
                span("a1", "t1", AgentState.ACW, null, 100, 130),
                span("a1", "t1", AgentState.ON_CONTACT, null, 130, 200),
                span("a1", "t1", AgentState.ACW, null, 200, 230)), spans(facts, "a1"));
    }

    @Test
    @DisplayName("parallel chats keep the agent on_contact and give each chat its first response time")
    void parallelChats() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "chat"),
                ev.queued(0, "c1", Channel.CHAT, "chat"),
                ev.answered(5, "c1", "a1"),
                ev.message(6, "c1", Sender.CUSTOMER),
                ev.queued(10, "c2", Channel.CHAT, "chat"),
                ev.answered(12, "c2", "a1"),
                ev.message(20, "c1", Sender.AGENT),
                ev.message(25, "c2", Sender.AGENT),
                ev.message(26, "c2", Sender.AGENT),
                ev.ended(60, "c1"),
                ev.wrapped(65, "c1", "a1", true),
                ev.ended(90, "c2"),
                ev.wrapped(95, "c2", "a1", false));
        List<ContactFact> contacts = only(facts, ContactFact.class);
        // c1: 20 - 0 = 20 s; c2: 25 - 10 = 15 s (the second agent message does not count)
        assertEquals(20_000L, contacts.get(0).firstResponseMs());
        assertEquals(15_000L, contacts.get(1).firstResponseMs());
        assertEquals(false, contacts.get(1).lastResolved());
        assertEquals(List.of(
                span("a1", "t1", AgentState.AVAILABLE, null, 0, 5),
                span("a1", "t1", AgentState.ON_CONTACT, null, 5, 90),
                span("a1", "t1", AgentState.ACW, null, 90, 95)), spans(facts, "a1"));
        HandleSegment s1 = only(facts, HandleSegment.class).get(0);
        assertEquals(55_000, s1.talkMs());
        assertEquals(5_000, s1.acwMs());
    }

    @Test
    @DisplayName("an outbound contact starts its segment at dial time, without queue visit")
    void outbound() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "sales"),
                ev.dialed(10, "c9", "a1", "sales"),
                ev.ended(70, "c9"),
                ev.wrapped(80, "c9", "a1", null));
        assertEquals(List.of(), only(facts, QueueVisit.class));
        HandleSegment s = only(facts, HandleSegment.class).get(0);
        assertEquals(Direction.OUTBOUND, s.direction());
        assertEquals(at(10), s.answeredAt());
        assertEquals(60_000, s.talkMs());
        assertEquals(10_000, s.acwMs());
        assertEquals("sales", s.queue());
        ContactFact c = only(facts, ContactFact.class).get(0);
        assertEquals(Direction.OUTBOUND, c.direction());
        assertEquals(at(10), c.startedAt());
    }

    @Test
    @DisplayName("a blocked contact is a BLOCKED visit with wait 0 and a contact over at once")
    void blocked() {
        List<Fact> facts = run(ev.blocked(10, "c5", "billing"));
        assertEquals(List.of(new QueueVisit("c5", 1, "billing", Channel.VOICE, Direction.INBOUND, null, null, at(10),
                at(10), 0, VisitOutcome.BLOCKED, null)), only(facts, QueueVisit.class));
        assertEquals(List.of(new ContactFact("c5", null, Direction.INBOUND, Channel.VOICE, "billing", at(10), at(10),
                false, null, null, null, null)), only(facts, ContactFact.class));
    }

    @Test
    @DisplayName("surveys go to the last handling agent and queue; unknown contacts give an unattributed survey and an anomaly")
    void surveys() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(
                ev.login(0, "a1", "t1", "billing"),
                ev.login(0, "a2", "t2", "sales"),
                ev.queued(0, "c1", "billing"),
                ev.answered(10, "c1", "a1"),
                ev.toQueue(100, "c1", "a1", "sales"),
                ev.queued(100, "c1", "sales"),
                ev.answered(110, "c1", "a2"),
                ev.survey(120, "c1", 4, null),
                ev.ended(200, "c1"),
                ev.wrapped(200, "c1", "a1", null),
                ev.wrapped(200, "c1", "a2", null),
                ev.survey(300, "c1", 2, 3),
                ev.queued(310, "c2", "billing"),
                ev.abandoned(320, "c2"),
                ev.survey(330, "c2", 1, null),
                ev.survey(340, "nobody", 5, 10)));
        engine.flushAll();
        List<SurveyFact> surveys = only(engine.drainFinal(), SurveyFact.class);
        assertEquals(4, surveys.size());
        // live contact: last agent a2 in sales
        assertEquals("a2", surveys.get(0).agent());
        assertEquals("sales", surveys.get(0).queue());
        // finished contact: same attribution
        assertEquals("a2", surveys.get(1).agent());
        assertEquals("t2", surveys.get(1).team());
        // never answered: queue of the last visit, no agent
        assertEquals("billing", surveys.get(2).queue());
        assertNull(surveys.get(2).agent());
        // unknown
        assertNull(surveys.get(3).queue());
        assertNull(surveys.get(3).agent());
        assertEquals(1L, engine.anomalies().get(Anomaly.SURVEY_UNKNOWN_CONTACT));
        QueueTally sales = engine.snapshot(at(400)).queues().stream()
                .filter(q -> q.queue().equals("sales")).findFirst().orElseThrow().today();
        assertEquals(2, sales.surveys());
        assertEquals(1, sales.csatPositive());
    }

    @Test
    @DisplayName("breaks with reasons split the away time by reason and the spans sum to the staffed time")
    void breaksWithReasons() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "billing"),
                ev.away(100, "a1", "lunch"),
                ev.away(200, "a1", "training"),
                ev.away(250, "a1", "training"),
                ev.available(300, "a1"),
                ev.logout(400, "a1"),
                ev.login(500, "a1", "t2", "sales"),
                ev.logout(560, "a1"));
        List<AgentStateSpan> spans = spans(facts, "a1");
        assertEquals(List.of(
                span("a1", "t1", AgentState.AVAILABLE, null, 0, 100),
                span("a1", "t1", AgentState.AWAY, "lunch", 100, 200),
                span("a1", "t1", AgentState.AWAY, "training", 200, 300),
                span("a1", "t1", AgentState.AVAILABLE, null, 300, 400),
                span("a1", "t2", AgentState.AVAILABLE, null, 500, 560)), spans);
        // staffed = 400 + 60 s
        assertEquals(460_000, spans.stream().mapToLong(AgentStateSpan::durationMs).sum());
    }

    @Test
    @DisplayName("a session with contacts, ringing, ACW and breaks is covered by spans from login to logout without gaps")
    void spansCoverSession() {
        List<Fact> facts = run(
                ev.login(0, "a1", "t1", "billing"),
                ev.queued(5, "c1", "billing"),
                ev.offered(6, "c1", "a1"),
                ev.missed(16, "c1", "a1"),
                ev.away(20, "a1", null),
                ev.available(40, "a1"),
                ev.offered(41, "c1", "a1"),
                ev.answered(45, "c1", "a1"),
                ev.held(50, "c1"),
                ev.resumed(55, "c1"),
                ev.ended(90, "c1"),
                ev.logout(100, "a1"));
        List<AgentStateSpan> spans = spans(facts, "a1");
        long t = at(0).toEpochMilli();
        for (AgentStateSpan s : spans) {
            assertEquals(t, s.start().toEpochMilli(), "no gap before " + s);
            t = s.end().toEpochMilli();
        }
        assertEquals(at(100).toEpochMilli(), t);
        // logout ended the ACW (next activity): ACW 90..100; the segment waits for the cap for its wrap
        assertEquals(span("a1", "t1", AgentState.ACW, null, 90, 100), spans.get(spans.size() - 1));
        assertEquals(span("a1", "t1", AgentState.AWAY, null, 20, 40), spans.get(3));
    }
}
