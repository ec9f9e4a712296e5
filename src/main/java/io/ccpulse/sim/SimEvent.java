package io.ccpulse.sim;

import io.ccpulse.domain.event.EventType;
import java.time.Instant;

/**
 * One generated event: its envelope and its JSON text (one line, contract v1).
 *
 * @param id     unique event id, {@code sim-<seed>-<run>-<n>}
 * @param type   the event type (its rank orders events with the same time)
 * @param timeMs the event time, epoch milliseconds
 * @param json   the event as a JSON object, ready for NDJSON
 */
public record SimEvent(String id, EventType type, long timeMs, String json) {

    public Instant time() {
        return Instant.ofEpochMilli(timeMs);
    }
}
