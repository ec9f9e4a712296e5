package io.ccpulse.api;

import io.ccpulse.domain.engine.AgentLive;
import io.ccpulse.domain.engine.LiveSnapshot;
import io.ccpulse.domain.engine.QueueLive;
import io.ccpulse.domain.engine.TicketQueueLive;
import io.ccpulse.live.LiveEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * The live JSON API (DESIGN.md "Live JSON"). Reads only the published snapshot. The read-token
 * rule for {@code /v1/live/*} is applied by {@link HttpApi}.
 */
public final class LiveApi {

    private final LiveEngine live;
    private final double hourlyCost;
    private final java.time.Clock clock;

    private final io.ccpulse.domain.kpi.Goals goals;
    private final java.time.ZoneId zone;

    public LiveApi(LiveEngine live, double hourlyCost, java.time.Clock clock) {
        this(live, hourlyCost, clock, null, java.time.ZoneOffset.UTC);
    }

    /** With the targets and scorecards for the agents' {@code scorecard} and {@code targets}, days in {@code zone}. */
    public LiveApi(LiveEngine live, double hourlyCost, java.time.Clock clock, io.ccpulse.domain.kpi.Goals goals,
                   java.time.ZoneId zone) {
        this.live = live;
        this.hourlyCost = hourlyCost;
        this.clock = clock;
        this.goals = goals;
        this.zone = zone;
    }

    public void mount(Router router) {
        router.get("/v1/live/queues").handler(this::handleQueues);
        router.get("/v1/live/queues/:queue").handler(this::handleQueue);
        router.get("/v1/live/agents").handler(this::handleAgents);
        router.get("/v1/live/agents/:agent").handler(this::handleAgent);
    }

    private LiveSnapshot snapshot() {
        return live.published().snapshot();
    }

    /** All queues, or those named by repeated {@code ?queue=} parameters. */
    private void handleQueues(RoutingContext ctx) {
        List<String> wanted = ctx.queryParam("queue");
        Instant now = clock.instant();
        LiveSnapshot s = snapshot();
        JsonArray out = new JsonArray();
        for (QueueLive q : s.queues()) {
            if (wanted.isEmpty() || wanted.contains(q.queue())) {
                out.add(LiveJson.queue(q, now));
            }
        }
        JsonArray tickets = new JsonArray();
        for (TicketQueueLive t : s.tickets()) {
            if (wanted.isEmpty() || wanted.contains(t.queue())) {
                tickets.add(LiveJson.tickets(t, now));
            }
        }
        json(ctx, 200, header(s, now).put("queues", out).put("tickets", tickets));
    }

    private void handleQueue(RoutingContext ctx) {
        String queue = ctx.pathParam("queue");
        Instant now = clock.instant();
        LiveSnapshot s = snapshot();
        JsonArray out = new JsonArray();
        for (QueueLive q : s.queues()) {
            if (q.queue().equals(queue)) {
                out.add(LiveJson.queue(q, now));
            }
        }
        JsonObject tickets = null;
        for (TicketQueueLive t : s.tickets()) {
            if (t.queue().equals(queue)) {
                tickets = LiveJson.tickets(t, now);
            }
        }
        if (out.isEmpty() && tickets == null && !s.agentsByQueue().containsKey(queue)) {
            json(ctx, 404, new JsonObject().put("error", "no live data for queue '" + queue + "'"));
            return;
        }
        json(ctx, 200, header(s, now).put("queue", queue).put("agents", LiveJson.states(
                s.agentsByQueue().getOrDefault(queue, java.util.Map.of()))).put("queues", out)
                .put("tickets", tickets));
    }

    private void handleAgents(RoutingContext ctx) {
        List<String> team = ctx.queryParam("team");
        Instant now = clock.instant();
        LiveSnapshot s = snapshot();
        JsonArray out = new JsonArray();
        for (AgentLive a : s.agents()) {
            if (team.isEmpty() || team.contains(a.team())) {
                out.add(LiveJson.agent(a, now, hourlyCost, goals, zone));
            }
        }
        json(ctx, 200, header(s, now).put("agents", out));
    }

    private void handleAgent(RoutingContext ctx) {
        String agent = ctx.pathParam("agent");
        Instant now = clock.instant();
        for (AgentLive a : snapshot().agents()) {
            if (a.agent().equals(agent)) {
                json(ctx, 200, LiveJson.agent(a, now, hourlyCost, goals, zone).put("generated_at", now.toString()));
                return;
            }
        }
        json(ctx, 404, new JsonObject().put("error", "no live data for agent '" + agent + "'"));
    }

    private static JsonObject header(LiveSnapshot s, Instant now) {
        return new JsonObject().put("generated_at", now.toString())
                .put("newest_event_time", s.newestEventTime() == null ? null : s.newestEventTime().toString())
                .put("watermark", s.watermark() == null ? null : s.watermark().toString());
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
