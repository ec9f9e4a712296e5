package io.ccpulse.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** A live source with no queues and no agents, until the engine-backed one is wired in. */
public final class EmptyLiveSource implements LiveSource {

    private final Clock clock;

    public EmptyLiveSource(Clock clock) {
        this.clock = clock;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public long version() {
        return 0;
    }

    @Override
    public JsonObject queues() {
        return new JsonObject().put("generated_at", now()).put("queues", new JsonArray());
    }

    @Override
    public JsonObject agents() {
        return new JsonObject().put("generated_at", now()).put("agents", new JsonArray());
    }
}
