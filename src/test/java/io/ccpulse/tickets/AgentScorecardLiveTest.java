package io.ccpulse.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.api.LiveJson;
import io.ccpulse.domain.engine.AgentLive;
import io.ccpulse.domain.engine.Engine;
import io.ccpulse.domain.event.AgentLogin;
import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.ContactAnswered;
import io.ccpulse.domain.event.ContactEnded;
import io.ccpulse.domain.event.ContactMessage;
import io.ccpulse.domain.event.ContactQueued;
import io.ccpulse.domain.event.ContactSurvey;
import io.ccpulse.domain.event.ContactWrapped;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.event.EndedBy;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.Sender;
import io.ccpulse.domain.event.TicketAssigned;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.settings.Settings;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The agent's own scorecard in the live agent JSON, hand-computed (default card, built-in targets). */
@DisplayName("Live agent scorecard")
class AgentScorecardLiveTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static Instant s(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    @DisplayName("CSAT, resolution rate, response speed (voice wait and chat first response) and complaint escalation rate of today, scored")
    void scorecard() {
        List<Event> events = List.of(
                new AgentLogin("e1", s(0), "a1", "Ann", "t1", List.of("billing", "chat")),
                // c1 voice: waits 10 s, resolved, csat 5
                new ContactQueued("e2", s(0), "c1", Channel.VOICE, "billing", "cu1", Direction.INBOUND, null),
                new ContactAnswered("e3", s(10), "c1", "a1"),
                new ContactEnded("e4", s(100), "c1", EndedBy.CUSTOMER),
                new ContactWrapped("e5", s(110), "c1", "a1", true, null),
                new ContactSurvey("e6", s(120), "c1", 5, null),
                // c2 chat: first agent message 60 s after queued, not resolved, csat 3
                new ContactQueued("e7", s(200), "c2", Channel.CHAT, "chat", "cu2", Direction.INBOUND, null),
                new ContactAnswered("e8", s(230), "c2", "a1"),
                new ContactMessage("e9", s(231), "c2", Sender.CUSTOMER),
                new ContactMessage("e10", s(260), "c2", Sender.AGENT),
                new ContactEnded("e11", s(400), "c2", EndedBy.CUSTOMER),
                new ContactWrapped("e12", s(410), "c2", "a1", false, null),
                new ContactSurvey("e13", s(420), "c2", 3, null),
                // a complaint ticket assigned to a1
                new TicketCreated("e14", s(500), "T1", "billing", null, "cu3", "complaint", null, null),
                new TicketAssigned("e15", s(510), "T1", "a1"));
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(events);
        Instant now = s(600);
        AgentLive a = engine.snapshot(now).agents().get(0);
        JsonObject o = LiveJson.agent(a, now, 0, Goals.DEFAULT, ZoneOffset.UTC);
        JsonObject card = o.getJsonObject("scorecard");
        assertEquals("customer_service", card.getString("name"));
        assertEquals("2026-03-02", card.getString("day"));
        // csat 1/2 = 0.5 -> 0.5/0.85; resolution 1/2 -> 0.5/0.8; response speed (10 + 60) / 2 = 35 s -> 30/35;
        // complaint escalation 1 / (2 contacts + 1 ticket) -> 0.02 / (1/3) = 0.06
        double expected = 0.4 * 0.5 / 0.85 + 0.3 * 0.5 / 0.8 + 0.2 * 30 / 35 + 0.1 * 0.06;   // 0.600223
        assertEquals(Math.round(expected * 10_000) / 10_000.0, card.getDouble("score"));
        assertEquals(0.6002, card.getDouble("score"));
        assertEquals(35.0, card.getJsonArray("items").getJsonObject(2).getDouble("actual"), 1e-9);
        assertEquals(1.0 / 3, card.getJsonArray("items").getJsonObject(3).getDouble("actual"), 1e-9);
        assertEquals(0.85, o.getJsonObject("targets").getDouble("csat"));
        assertEquals(30.0, o.getJsonObject("targets").getDouble("response_speed_s"));
    }
}
