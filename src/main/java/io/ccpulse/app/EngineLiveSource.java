package io.ccpulse.app;

import io.ccpulse.api.LiveJson;
import io.ccpulse.live.LiveEngine;
import io.ccpulse.web.LiveSource;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * The live page's view of the engine: the latest published snapshot rendered as the live JSON,
 * once per published version (several event loops may ask at once; they share the result).
 */
final class EngineLiveSource implements LiveSource {

    /** One rendering of one published version. */
    private record Rendered(long version, JsonObject queues, JsonObject agents) { }

    private final LiveEngine live;
    private final Clock clock;
    private final double hourlyCost;
    private volatile Rendered rendered = new Rendered(-1, null, null);

    private final io.ccpulse.domain.kpi.Goals goals;
    private final java.time.ZoneId zone;

    EngineLiveSource(LiveEngine live, Clock clock, double hourlyCost, io.ccpulse.domain.kpi.Goals goals,
                     java.time.ZoneId zone) {
        this.live = live;
        this.clock = clock;
        this.hourlyCost = hourlyCost;
        this.goals = goals;
        this.zone = zone;
    }

    @Override
    public long version() {
        return live.published().version();
    }

    private Rendered current() {
        LiveEngine.Published p = live.published();
        Rendered r = rendered;
        if (r.version() != p.version()) {
            Instant now = clock.instant();
            r = new Rendered(p.version(), LiveJson.queues(p.snapshot(), now), LiveJson.agents(p.snapshot(), now,
                    hourlyCost, goals, zone));
            rendered = r;
        }
        return r;
    }

    @Override
    public JsonObject queues() {
        return current().queues();
    }

    @Override
    public JsonObject agents() {
        return current().agents();
    }
}
