package io.ccpulse.ingest;

import io.ccpulse.domain.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The ingest path's self-metrics; every series known in advance is registered at 0. */
public final class IngestMetrics {

    static final String[] RESULTS = {"accepted", "duplicate", "rejected", "late"};
    static final String[] REASONS = {Rejection.MISSING, Rejection.INVALID, Rejection.UNKNOWN_TYPE, Rejection.MALFORMED,
        "too_large", "unsupported_media_type"};

    private final Map<EventType, Map<String, Counter>> byTypeAndResult = new EnumMap<>(EventType.class);
    private final Counter rejectedUnknownType;
    private final Map<String, Counter> rejectedByReason = new HashMap<>();
    private final Map<String, Counter> overload = new HashMap<>();
    private final Counter unauthorized;
    private final AtomicLong lastEventMillis = new AtomicLong();
    /** Newest event time stored per source (ingest token name), registered at a source's first stored event. */
    private final Map<String, AtomicLong> lastEventBySource = new java.util.concurrent.ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry r) {
        this.registry = r;
        for (EventType t : EventType.values()) {
            Map<String, Counter> m = new HashMap<>();
            for (String result : RESULTS) {
                m.put(result, eventCounter(r, t.wireName(), result));
            }
            byTypeAndResult.put(t, m);
        }
        rejectedUnknownType = eventCounter(r, "unknown", "rejected");
        for (String reason : REASONS) {
            rejectedByReason.put(reason, Counter.builder("ccpulse.events.rejected").tag("reason", reason)
                    .description("Events (or whole requests, for too_large and unsupported_media_type) rejected, by reason")
                    .register(r));
        }
        for (String reason : new String[] {"queue_full", "engine_behind", "database_down"}) {
            overload.put(reason, Counter.builder("ccpulse.ingest.overload").tag("reason", reason)
                    .description("Ingest requests answered 503 because the write path could not take them")
                    .register(r));
        }
        unauthorized = Counter.builder("ccpulse.http.unauthorized")
                .description("Requests refused for a missing or wrong bearer token").register(r);
        io.micrometer.core.instrument.Gauge.builder("ccpulse.last.event.timestamp.seconds", lastEventMillis, v -> v.get() / 1000.0)
                .description("Newest event time stored, as a Unix timestamp (ingestion-stalled alerts)").register(r);
    }

    private static Counter eventCounter(MeterRegistry r, String type, String result) {
        return Counter.builder("ccpulse.events").tag("type", type).tag("result", result)
                .description("Events received, by type and result (accepted, duplicate, rejected, late)").register(r);
    }

    void result(EventType type, String result) {
        byTypeAndResult.get(type).get(result).increment();
    }

    void rejected(String typeName, String reason) {
        EventType t = typeName == null ? null : EventType.fromWireName(typeName);
        if (t == null) {
            rejectedUnknownType.increment();
        } else {
            result(t, "rejected");
        }
        rejectedByReason.get(reason).increment();
    }

    void requestRejected(String reason) {
        rejectedByReason.get(reason).increment();
    }

    void overloaded(String reason) {
        overload.get(reason).increment();
    }

    public void unauthorized() {
        unauthorized.increment();
    }

    /** Newest event time stored, for ingestion-stalled alerts. */
    void eventTime(long millis) {
        lastEventMillis.accumulateAndGet(millis, Math::max);
    }

    /**
     * Newest event time stored from one source (an ingest token's name): {@code time() - } the gauge shows a source
     * that stopped sending, or whose clock lags the others' (its events then roll the live engine back).
     */
    void eventTime(String source, long millis) {
        eventTime(millis);
        lastEventBySource.computeIfAbsent(source, s -> {
            AtomicLong v = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder("ccpulse.source.last.event.timestamp.seconds", v,
                            x -> x.get() / 1000.0)
                    .tag("source", s)
                    .description("Newest event time stored from this source (ingest token name), as a Unix timestamp")
                    .register(registry);
            return v;
        }).accumulateAndGet(millis, Math::max);
    }
}
