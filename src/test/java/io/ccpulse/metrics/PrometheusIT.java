package io.ccpulse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.EventType;
import io.ccpulse.support.Examples;
import io.ccpulse.support.Prometheus;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.Scripts;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class PrometheusIT {

    @Test
    @DisplayName("promtool check metrics finds no problem in /metrics, and a real Prometheus scraping it returns the counted events")
    void scrapedByRealPrometheus() throws Exception {
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db)) {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 7; i++) {
                batch.add(Examples.of(EventType.CONTACT_HELD, "prom-" + i));
            }
            batch.add(Examples.of(EventType.CONTACT_HELD, "prom-3"));
            batch.add(Examples.of(EventType.CONTACT_HELD, "prom-bad").put("contact", 5));
            assertEquals(200, svc.http.postEvents(batch.encode()).statusCode());

            String metrics = svc.http.get("/metrics").body();
            Process check = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            check.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
            check.getOutputStream().close();
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, check.exitValue(), out);
            assertEquals("", out.trim(), "promtool check metrics reported problems");

            try (Prometheus prom = Prometheus.start(svc.service.port(),
                    new File(Scripts.repoRoot(), "target/prometheus-it").toPath())) {
                assertEquals(7.0, prom.awaitValue(
                        "ccpulse_events_total{job=\"ccpulse\",type=\"contact.held\",result=\"accepted\"}", 7, 30_000));
                assertEquals(1.0, prom.awaitValue(
                        "ccpulse_events_total{type=\"contact.held\",result=\"duplicate\"}", 1, 10_000));
                assertEquals(1.0, prom.awaitValue("ccpulse_events_rejected_total{reason=\"invalid_value\"}", 1, 10_000));
                assertEquals(1.0, prom.awaitValue("up{job=\"ccpulse\"}", 1, 10_000));
            }
        }
    }

    @Test
    @DisplayName("each source's newest stored event time is a gauge of its own; duplicates, rejected events and silent "
            + "sources add nothing")
    void newestEventTimePerSource() throws Exception {
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db)) {
            long now = System.currentTimeMillis() / 1000 * 1000;
            long testNewest = now - 2_000;
            long secondNewest = now - 60_000;
            JsonArray fromTest = new JsonArray()
                    .add(Examples.of(EventType.CONTACT_HELD, "src-a").put("time", java.time.Instant.ofEpochMilli(now - 5_000).toString()))
                    .add(Examples.of(EventType.CONTACT_HELD, "src-b").put("time", java.time.Instant.ofEpochMilli(testNewest).toString()))
                    .add(Examples.of(EventType.CONTACT_HELD, "src-bad").put("contact", 5)
                            .put("time", java.time.Instant.ofEpochMilli(now).toString()));
            assertEquals(200, svc.http.postEvents(fromTest.encode()).statusCode());
            JsonArray fromSecond = new JsonArray()
                    .add(Examples.of(EventType.CONTACT_HELD, "src-c").put("time", java.time.Instant.ofEpochMilli(secondNewest).toString()))
                    // a duplicate of an id "test" stored: acknowledged, not stored again, so it does not count
                    .add(Examples.of(EventType.CONTACT_HELD, "src-b").put("time", java.time.Instant.ofEpochMilli(now).toString()));
            assertEquals(200, svc.http.post("/v1/events", "application/json", "second-token", fromSecond.encode())
                    .statusCode());

            assertEquals(testNewest / 1000.0,
                    svc.metric("ccpulse_source_last_event_timestamp_seconds{source=\"test\"}"), 1e-6);
            assertEquals(secondNewest / 1000.0,
                    svc.metric("ccpulse_source_last_event_timestamp_seconds{source=\"second\"}"), 1e-6);
            assertEquals(testNewest / 1000.0, svc.metric("ccpulse_last_event_timestamp_seconds"), 1e-6);
            String metrics = svc.http.get("/metrics").body();
            assertEquals(2, metrics.lines().filter(l -> l.startsWith("ccpulse_source_last_event_timestamp_seconds{")).count(),
                    "one series per source that stored an event");
        }
    }
}
