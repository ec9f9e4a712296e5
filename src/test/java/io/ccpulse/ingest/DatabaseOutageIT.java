package io.ccpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.EventType;
import io.ccpulse.support.Examples;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.Scripts;
import io.ccpulse.support.TestDb;
import java.io.File;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stops a real PostgreSQL (a throwaway instance of the project's scripts, so the shared cluster
 * is not disturbed) in the middle of ingestion, the way a crash would.
 */
@Tag("integration")
class DatabaseOutageIT {

    @Test
    @DisplayName("While the database is down senders get 503 with Retry-After; after it is back every batch ends stored exactly once")
    void outage() throws Exception {
        File dir = new File(Scripts.repoRoot(), "target/pg-outage");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Scripts.run("pg-throwaway.sh", "start", dir.getPath(), String.valueOf(port));
        TestDb db = TestDb.create("127.0.0.1:" + port);
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger withRetryAfter = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Set<String> acked = java.util.Collections.synchronizedSet(new HashSet<>());
        AtomicInteger batchesAcked = new AtomicInteger();
        try (RunningService svc = RunningService.start(db)) {
            int batches = 60;
            Thread sender = new Thread(() -> {
                for (int b = 0; b < batches && !stop.get(); b++) {
                    StringBuilder nd = new StringBuilder();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        String id = "out-" + b + "-" + i;
                        ids.add(id);
                        nd.append(Examples.of(EventType.CONTACT_MESSAGE, id).encode()).append('\n');
                    }
                    while (!stop.get()) {
                        HttpResponse<String> r;
                        try {
                            r = svc.http.post("/v1/events", "application/x-ndjson", "test-token", nd.toString());
                        } catch (IllegalStateException e) {
                            sleep(200);
                            continue;
                        }
                        if (r.statusCode() == 200) {
                            acked.addAll(ids);
                            batchesAcked.incrementAndGet();
                            break;
                        }
                        assertEquals(503, r.statusCode(), r.body());
                        unavailable.incrementAndGet();
                        if (r.headers().firstValue("Retry-After").isPresent()) {
                            withRetryAfter.incrementAndGet();
                        }
                        sleep(200);
                    }
                    sleep(50);
                }
            });
            sender.start();
            while (batchesAcked.get() < 10) {
                sleep(20);
            }
            Scripts.run("pg-throwaway.sh", "stop", dir.getPath());
            long downSince = System.currentTimeMillis();
            while (unavailable.get() < 3 && System.currentTimeMillis() - downSince < 30_000) {
                sleep(50);
            }
            int ackedWhileDown = batchesAcked.get();
            Scripts.run("pg-throwaway.sh", "start", dir.getPath(), String.valueOf(port));
            sender.join(120_000);
            stop.set(true);
            assertTrue(unavailable.get() >= 3, "503s seen: " + unavailable.get());
            assertEquals(unavailable.get(), withRetryAfter.get());
            assertTrue(ackedWhileDown < batches, "the outage happened during ingestion");
            assertEquals(batches, batchesAcked.get());
            assertEquals(batches * 100, acked.size());
            Set<String> stored = new HashSet<>(db.column("SELECT id FROM events"));
            assertEquals(acked, stored);
            assertEquals(batches * 100L, db.count("SELECT count(*) FROM events"));
            assertEquals(batches * 100L, db.count("SELECT count(*) FROM event_ids"));
        } finally {
            db.close();
            Scripts.run("pg-throwaway.sh", "stop", dir.getPath(), "--fast");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
