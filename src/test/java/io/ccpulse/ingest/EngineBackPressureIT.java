package io.ccpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live engine's inbox is bounded: when the engine is behind by its capacity, new requests are answered
 * 503 with Retry-After before anything of them is stored, and what was acknowledged is stored and applied.
 */
@Tag("integration")
class EngineBackPressureIT {

    private static final int PER_BATCH = 100;

    /** {@code n} contact.queued events of distinct contacts in queue "bp", ids {@code bp-<batch>-<i>}. */
    private static String batch(int b, Instant time) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < PER_BATCH; i++) {
            a.add(new JsonObject().put("id", id(b, i)).put("type", "contact.queued").put("time", time.toString())
                    .put("contact", "bp-c-" + b + "-" + i).put("channel", "voice").put("queue", "bp"));
        }
        return a.encode();
    }

    private static String id(int b, int i) {
        return "bp-" + b + "-" + i;
    }

    @Test
    @DisplayName("A stalled live engine makes ingest answer 503 + Retry-After (nothing of it stored); after it catches up every acknowledged event is stored once and shown live")
    void boundedInbox() throws Exception {
        try (TestDb db = TestDb.create();
             RunningService svc = RunningService.start(db, Map.of("CCPULSE_ENGINE_INBOX_CAPACITY", "300"))) {
            CountDownLatch release = new CountDownLatch(1);
            // stall the engine thread after its first apply, as a slow engine would be
            svc.service.live().onApply(r -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Set<String> acked = new HashSet<>();
            List<Integer> refused = new ArrayList<>();
            int sent = 0;
            while (refused.isEmpty() && sent < 30) {
                int b = sent++;
                HttpResponse<String> r = svc.http.postEvents(batch(b, time));
                if (r.statusCode() == 200) {
                    assertEquals(PER_BATCH, new JsonObject(r.body()).getInteger("accepted"));
                    for (int i = 0; i < PER_BATCH; i++) {
                        acked.add(id(b, i));
                    }
                } else {
                    assertEquals(503, r.statusCode(), r.body());
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                    assertTrue(r.body().contains("live engine is behind"), r.body());
                    refused.add(b);
                }
                // let the engine take the first batch and stall on it
                if (b == 0) {
                    Thread.sleep(200);
                }
            }
            assertEquals(1, refused.size(), "a request is refused once the inbox holds its capacity");
            // the first batch is in the stalled apply, three more fill the inbox (300 events); at most one more
            // can be in flight when the check is made
            assertTrue(acked.size() >= 4 * PER_BATCH && acked.size() <= 5 * PER_BATCH, "acknowledged: " + acked.size());
            int refusedBatch = refused.get(0);
            assertEquals(0L, db.count("SELECT count(*) FROM events WHERE id LIKE 'bp-" + refusedBatch + "-%'"));
            assertEquals(1.0, svc.metric("ccpulse_ingest_overload_total{reason=\"engine_behind\"}"));
            assertEquals(3.0 * PER_BATCH, svc.metric("ccpulse_live_inbox_events"), 1.0 * PER_BATCH);

            release.countDown();
            // the sender retries the refused batch after Retry-After, and goes on with two more
            List<Integer> rest = List.of(refusedBatch, sent, sent + 1);
            for (int b : rest) {
                HttpResponse<String> r;
                while ((r = svc.http.postEvents(batch(b, time))).statusCode() == 503) {
                    Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1")));
                }
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(PER_BATCH, new JsonObject(r.body()).getInteger("accepted"));
                for (int i = 0; i < PER_BATCH; i++) {
                    acked.add(id(b, i));
                }
            }
            assertTrue(svc.service.live().awaitIdle(20_000));

            Set<String> stored = new HashSet<>(db.column("SELECT id FROM events"));
            assertEquals(acked, stored);
            assertEquals(acked.size(), db.count("SELECT count(*) FROM event_ids"));
            JsonObject live = new JsonObject(svc.http.get("/v1/live/queues?queue=bp").body());
            int waiting = 0;
            for (Object o : live.getJsonArray("queues")) {
                waiting += ((JsonObject) o).getInteger("waiting");
            }
            assertEquals(acked.size(), waiting, "every acknowledged contact is waiting in the live view");
            assertEquals(0.0, svc.metric("ccpulse_live_inbox_events"));
        }
    }
}
