package io.ccpulse.web;

import io.vertx.core.json.JsonObject;

/**
 * The live state as the web layer sees it: the seam to the engine. The composition root supplies
 * the implementation (the engine-backed one reads the latest published snapshot).
 *
 * <p>Called from several event-loop threads at once: implementations must be thread-safe, cheap
 * and never block (read an immutable published snapshot, do not compute under a lock).
 */
public interface LiveSource {

    /**
     * A number that grows whenever the live snapshot changes (never goes down). Equal versions
     * mean equal content; the stream sends a new snapshot only when it changed.
     */
    long version();

    /** The queues JSON of docs/DESIGN.md "Live JSON": {@code {"generated_at":..., "queues":[...]}}, for now. */
    JsonObject queues();

    /** The agents JSON of docs/DESIGN.md "Live JSON": {@code {"generated_at":..., "agents":[...]}}, for now. */
    JsonObject agents();
}
