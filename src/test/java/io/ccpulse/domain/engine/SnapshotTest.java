package io.ccpulse.domain.engine;

import static io.ccpulse.domain.engine.Ev.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The live snapshot: waiting contacts, agents by queue and team, today, the last 15 minutes, totals. */
@DisplayName("Live snapshot")
class SnapshotTest {

    private final Ev ev = new Ev();

    private static QueueLive queue(LiveSnapshot s, String q, Channel c) {
        return s.queues().stream().filter(x -> x.queue().equals(q) && x.channel() == c).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("agents are counted by state in each of their login queues and in their team")
    void agentsByQueueAndTeam() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(
                ev.login(0, "a1", "t1", "billing", "sales"),
                ev.login(0, "a2", "t1", "billing"),
                ev.login(0, "a3", "t2", "sales"),
                ev.login(0, "a4", null),
                ev.away(10, "a3", "lunch"),
                ev.queued(20, "c1", Channel.CHAT, "billing"),
                ev.answered(25, "c1", "a1"),
                ev.queued(30, "c2", "sales"),
                ev.queued(31, "c3", "sales"),
                ev.offered(32, "c2", "a2")));
        LiveSnapshot s = engine.snapshot(at(60));
        assertEquals(Map.of(AgentState.AVAILABLE, 0, AgentState.RINGING, 1, AgentState.ON_CONTACT, 1,
                AgentState.ACW, 0, AgentState.AWAY, 0), s.agentsByQueue().get("billing"));
        assertEquals(Map.of(AgentState.AVAILABLE, 0, AgentState.RINGING, 0, AgentState.ON_CONTACT, 1,
                AgentState.ACW, 0, AgentState.AWAY, 1), s.agentsByQueue().get("sales"));
        assertEquals(3, s.teams().size());
        assertNull(s.teams().get(0).team(), "agents without a team come first");
        assertEquals(1, s.teams().get(0).agents().get(AgentState.AVAILABLE));
        assertEquals(1, s.teams().get(1).agents().get(AgentState.ON_CONTACT));
        assertEquals(1, s.teams().get(1).agents().get(AgentState.RINGING));
        QueueLive sales = queue(s, "sales", Channel.VOICE);
        assertEquals(2, sales.waiting());
        assertEquals(at(30), sales.oldestWaitingSince());
        assertEquals(30.0, sales.oldestWaitSeconds(at(60)), 1e-9);
        assertEquals(s.agentsByQueue().get("sales"), sales.agents());
        AgentLive a1 = s.agents().get(0);
        assertEquals(List.of("c1"), a1.contacts());
        assertEquals(AgentState.ON_CONTACT, a1.state());
        assertEquals(at(25), a1.since());
        AgentLive a3 = s.agents().get(2);
        assertEquals("lunch", a3.reason());
        assertEquals(AgentState.AWAY, a3.state());
        // a queue with a visit but no agent and a chat channel
        assertEquals(0, queue(s, "billing", Channel.CHAT).waiting());
        assertEquals(1, queue(s, "billing", Channel.CHAT).today().answered());
    }

    @Test
    @DisplayName("the last 15 minutes are the 15 minute buckets ending with the minute of now; today is the whole day")
    void last15MinutesAndToday() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(
                ev.queued(0, "c1", "billing"), ev.abandoned(30, "c1"),       // left 08:00:30
                ev.queued(600, "c2", "billing"), ev.abandoned(660, "c2"),   // left 08:11:00
                ev.queued(1500, "c3", "billing"), ev.abandoned(1510, "c3"))); // left 08:25:10
        engine.flushAll();
        // now 08:25:30: buckets 08:11 .. 08:25
        QueueLive q = engine.snapshot(at(1530)).queues().get(0);
        assertEquals(2, q.last15m().abandoned());
        assertEquals(3, q.today().abandoned());
        // now 08:26:00: buckets 08:12 .. 08:26
        assertEquals(1, engine.snapshot(at(1560)).queues().get(0).last15m().abandoned());
    }

    @Test
    @DisplayName("today is the local day of now in the configured zone; agent time is split at local midnight")
    void todayIsTheLocalDay() {
        Settings paris = new Settings(Duration.ofMinutes(5), ZoneId.of("Europe/Paris"), QueueSettings.DEFAULTS,
                Map.of(), 0);
        Engine engine = new Engine(paris);
        // 22:30Z = 23:30 in Paris (UTC+1 in November); midnight in Paris is 23:00Z
        double d0 = -9.5 * 3600; // 2026-11-22T22:30:00Z
        engine.apply(List.of(
                ev.login(d0, "a1", "t1", "billing"),
                ev.queued(d0 + 600, "c1", "billing"),   // 22:40Z
                ev.abandoned(d0 + 900, "c1"),           // 22:45Z = 23:45 local: yesterday
                ev.queued(d0 + 2400, "c2", "billing"),  // 23:10Z
                ev.abandoned(d0 + 2460, "c2"),          // 23:11Z = 00:11 local: today
                ev.logout(d0 + 3600, "a1")));           // 23:30Z
        engine.flushAll();
        LiveSnapshot s = engine.snapshot(at(0)); // 08:00Z = 09:00 local on the 23rd
        assertEquals(1, s.queues().get(0).today().abandoned());
        // staffed 22:30Z..23:30Z; today's part is 23:00Z..23:30Z = 30 min
        assertEquals(1_800_000, s.agents().get(0).today().staffedMs());
        assertEquals(AgentState.OFFLINE, s.agents().get(0).state());
        assertEquals(at(d0 + 3600), s.agents().get(0).since());
    }

    @Test
    @DisplayName("cumulative counters split visits by outcome with short abandons apart, and agent time by team and state")
    void totals() {
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(List.of(
                ev.login(0, "a1", "t1", "billing"),
                ev.queued(0, "c1", "billing"), ev.answered(25, "c1", "a1"),   // 25 s > 20 s: not in threshold
                ev.toQueue(85, "c1", "a1", "sales"), ev.queued(85, "c1", "sales"), ev.abandoned(87, "c1"),
                ev.wrapped(95, "c1", "a1", true),
                ev.queued(100, "c2", "billing"), ev.answered(110, "c2", "a1"),
                ev.held(120, "c2"), ev.resumed(130, "c2"), ev.ended(170, "c2"), ev.wrapped(180, "c2", "a1", null),
                ev.blocked(200, "c3", "billing")));
        engine.flushAll();
        Totals t = engine.snapshot(at(300)).totals();
        assertEquals(List.of(
                new QueueTotals("billing", Channel.VOICE, 2, 0, 0, 0, 1, 1, 0, 35_000, 0, 2, 1,
                        60_000 + 50_000, 10_000, 10_000 + 10_000),
                new QueueTotals("sales", Channel.VOICE, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                t.queues());
        // a1: available 0..25 and 95..110 and 180..200 (flushed at the blocked event, 200 s) = 60 s;
        // on_contact 25..85 and 110..170 = 120 s; acw 85..95 and 170..180 = 20 s
        assertEquals(List.of(new AgentStateTotal("t1", AgentState.AVAILABLE, 60_000),
                new AgentStateTotal("t1", AgentState.ON_CONTACT, 120_000),
                new AgentStateTotal("t1", AgentState.ACW, 20_000)), t.agentStates());
        assertEquals(at(200), t.upTo());
    }
}
