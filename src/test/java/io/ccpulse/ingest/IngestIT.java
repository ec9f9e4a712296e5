package io.ccpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.EventType;
import io.ccpulse.support.Examples;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class IngestIT {

    private static TestDb db;
    private static RunningService svc;

    @BeforeAll
    static void start() {
        db = TestDb.create();
        svc = RunningService.start(db, Map.of("CCPULSE_HTTP_MAX_BODY_BYTES", "200000"));
    }

    @AfterAll
    static void stop() {
        if (svc != null) {
            svc.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static long rows(String idPrefix) {
        return db.count("SELECT count(*) FROM events WHERE id LIKE '" + idPrefix + "%'");
    }

    @Test
    @DisplayName("Every event type is accepted and stored verbatim in the hypertable")
    void everyTypeStored() {
        JsonArray batch = new JsonArray();
        for (EventType t : EventType.values()) {
            batch.add(Examples.of(t, "all-" + t.wireName()));
        }
        JsonObject r = ok(svc.http.postEvents(batch.encode()));
        assertEquals(EventType.values().length, r.getInteger("accepted"));
        assertEquals(0, r.getInteger("duplicates"));
        assertEquals(0, r.getJsonArray("rejected").size());
        assertEquals(EventType.values().length, rows("all-"));
        for (EventType t : EventType.values()) {
            List<String> stored = db.column("SELECT type || '|' || (payload->>'time') || '|' || source FROM events"
                    + " WHERE id = 'all-" + t.wireName() + "'");
            assertEquals(List.of(t.wireName() + "|" + Examples.TIME + "|test"), stored);
        }
        assertTrue(db.count("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'events'") == 1);
    }

    @Test
    @DisplayName("A single object body is one event")
    void singleObject() {
        JsonObject r = ok(svc.http.postEvents(Examples.of(EventType.CONTACT_HELD, "single-1").encode()));
        assertEquals(1, r.getInteger("received"));
        assertEquals(1, r.getInteger("accepted"));
        assertEquals(1, rows("single-"));
    }

    @Test
    @DisplayName("In a mixed batch the valid events are stored and each invalid one is reported with index, id, field and reason")
    void mixedBatch() {
        JsonArray batch = new JsonArray()
                .add(Examples.of(EventType.CONTACT_QUEUED, "mix-0"))
                .add(Examples.of(EventType.CONTACT_QUEUED, "mix-1").put("channel", "fax"))
                .add(Examples.of(EventType.CONTACT_ANSWERED, "mix-2"))
                .add(Examples.of(EventType.CONTACT_SURVEY, "mix-3").put("csat", -1))
                .add("not an event")
                .add(Examples.of(EventType.CONTACT_ENDED, "mix-5"));
        JsonObject r = ok(svc.http.postEvents(batch.encode()));
        assertEquals(6, r.getInteger("received"));
        assertEquals(3, r.getInteger("accepted"));
        JsonArray rej = r.getJsonArray("rejected");
        assertEquals(3, rej.size());
        assertEquals(new JsonObject().put("index", 1).put("id", "mix-1").put("field", "channel")
                .put("reason", "'fax' is not one of voice, chat, email, messaging"), rej.getJsonObject(0));
        assertEquals(3, rej.getJsonObject(1).getInteger("index"));
        assertEquals("csat", rej.getJsonObject(1).getString("field"));
        assertEquals(4, rej.getJsonObject(2).getInteger("index"));
        assertEquals(Set.of("mix-0", "mix-2", "mix-5"),
                new HashSet<>(db.column("SELECT id FROM events WHERE id LIKE 'mix-%'")));
    }

    @Test
    @DisplayName("NDJSON with a broken line in the middle keeps the lines around it")
    void ndjsonBrokenLine() {
        String body = Examples.of(EventType.AGENT_LOGIN, "nd-0").encode() + "\n"
                + "{\"id\":\"nd-1\",\"type\":\"agent.logout\",\n"
                + "\n"
                + Examples.of(EventType.AGENT_LOGOUT, "nd-2").encode() + "\n";
        JsonObject r = ok(svc.http.post("/v1/events", "application/x-ndjson", "test-token", body));
        assertEquals(2, r.getInteger("accepted"));
        JsonArray rej = r.getJsonArray("rejected");
        assertEquals(1, rej.size());
        assertEquals(1, rej.getJsonObject(0).getInteger("index"));
        assertTrue(rej.getJsonObject(0).getString("reason").startsWith("line 2 is not valid JSON"), rej.encode());
        assertEquals(Set.of("nd-0", "nd-2"), new HashSet<>(db.column("SELECT id FROM events WHERE id LIKE 'nd-%'")));
    }

    @Test
    @DisplayName("A batch where every event is invalid is answered 422 and stores nothing")
    void allInvalid() {
        JsonArray batch = new JsonArray().add(Examples.of(EventType.CONTACT_QUEUED, "inv-0").put("queue", ""));
        HttpResponse<String> r = svc.http.postEvents(batch.encode());
        assertEquals(422, r.statusCode());
        assertEquals("queue", new JsonObject(r.body()).getJsonArray("rejected").getJsonObject(0).getString("field"));
        assertEquals(0, rows("inv-"));
    }

    @Test
    @DisplayName("Bodies that are not JSON get 400, too large 413, other content types 415")
    void requestErrors() {
        assertEquals(400, svc.http.postEvents("{not json").statusCode());
        assertEquals(400, svc.http.postEvents("42").statusCode());
        assertEquals(400, svc.http.postEvents("").statusCode());
        assertEquals(400, svc.http.post("/v1/events", "application/x-ndjson", "test-token", "").statusCode());
        assertEquals(200, svc.http.post("/v1/events", "application/x-ndjson", "test-token", "\n").statusCode());
        assertEquals(415, svc.http.post("/v1/events", "text/plain", "test-token", "[]").statusCode());
        assertEquals(415, svc.http.post("/v1/events", null, "test-token", "[]").statusCode());
        StringBuilder big = new StringBuilder("[");
        while (big.length() < 210_000) {
            big.append(Examples.of(EventType.CONTACT_HELD, "big-" + big.length()).encode()).append(',');
        }
        big.setLength(big.length() - 1);
        big.append(']');
        assertEquals(413, svc.http.postEvents(big.toString()).statusCode());
        assertEquals(0, rows("big-"));
    }

    @Test
    @DisplayName("More than 10,000 events in one request is refused with 413 and a reason")
    void batchLimit() throws Exception {
        try (TestDb other = TestDb.create();
             RunningService big = RunningService.start(other)) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i <= 10_000; i++) {
                b.append("{\"id\":\"").append(i).append("\"},");
            }
            b.setLength(b.length() - 1);
            b.append(']');
            HttpResponse<String> r = big.http.postEvents(b.toString());
            assertEquals(413, r.statusCode());
            assertTrue(r.body().contains("10001 events; the limit is 10000"), r.body());
        }
    }

    @Test
    @DisplayName("No token or a wrong token gets 401 and is counted; each configured token is accepted")
    void tokens() {
        double before = svc.metric("ccpulse_http_unauthorized_total");
        String body = Examples.of(EventType.CONTACT_HELD, "tok-1").encode();
        assertEquals(401, svc.http.post("/v1/events", "application/json", null, body).statusCode());
        assertEquals(401, svc.http.post("/v1/events", "application/json", "nope", body).statusCode());
        assertEquals(before + 2, svc.metric("ccpulse_http_unauthorized_total"));
        assertEquals(0, rows("tok-"));
        assertEquals(200, svc.http.post("/v1/events", "application/json", "second-token", body).statusCode());
        assertEquals(List.of("second"), db.column("SELECT source FROM events WHERE id = 'tok-1'"));
    }

    @Test
    @DisplayName("The same batch sent twice, and duplicates inside one batch, leave exactly one row per id")
    void duplicates() {
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 50; i++) {
            batch.add(Examples.of(EventType.CONTACT_MESSAGE, "dup-" + i));
        }
        batch.add(Examples.of(EventType.CONTACT_MESSAGE, "dup-7"));
        JsonObject first = ok(svc.http.postEvents(batch.encode()));
        assertEquals(50, first.getInteger("accepted"));
        assertEquals(1, first.getInteger("duplicates"));
        JsonObject second = ok(svc.http.postEvents(batch.encode()));
        assertEquals(0, second.getInteger("accepted"));
        assertEquals(51, second.getInteger("duplicates"));
        // same id, different time: still a duplicate (the id alone is the key)
        JsonObject third = ok(svc.http.postEvents(Examples.of(EventType.CONTACT_MESSAGE, "dup-3")
                .put("time", "2026-11-23T08:02:00Z").encode()));
        assertEquals(1, third.getInteger("duplicates"));
        assertEquals(50, rows("dup-"));
        assertEquals(50, db.count("SELECT count(DISTINCT id) FROM events WHERE id LIKE 'dup-%'"));
    }

    @Test
    @DisplayName("Events sent again after a restart of the service are duplicates")
    void duplicatesAfterRestart() {
        try (TestDb own = TestDb.create()) {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 20; i++) {
                batch.add(Examples.of(EventType.AGENT_STATUS, "rs-" + i));
            }
            try (RunningService a = RunningService.start(own)) {
                assertEquals(20, ok(a.http.postEvents(batch.encode())).getInteger("accepted"));
            }
            try (RunningService b = RunningService.start(own)) {
                JsonObject r = ok(b.http.postEvents(batch.encode()));
                assertEquals(0, r.getInteger("accepted"));
                assertEquals(20, r.getInteger("duplicates"));
            }
            assertEquals(20, own.count("SELECT count(*) FROM events"));
        }
    }

    @Test
    @DisplayName("Every event answered 2xx by concurrent senders is in the database, once")
    void durability() throws Exception {
        int clients = 8;
        int batches = 25;
        int perBatch = 200;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Set<String>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                Set<String> acked = new HashSet<>();
                for (int b = 0; b < batches; b++) {
                    StringBuilder nd = new StringBuilder();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        String id = "dur-" + client + "-" + b + "-" + i;
                        ids.add(id);
                        nd.append(Examples.of(EventType.CONTACT_MESSAGE, id).encode()).append('\n');
                    }
                    HttpResponse<String> r = svc.http.post("/v1/events", "application/x-ndjson", "test-token",
                            nd.toString());
                    if (r.statusCode() == 200) {
                        acked.addAll(ids);
                    }
                }
                return acked;
            }));
        }
        Set<String> acked = new HashSet<>();
        for (Future<Set<String>> f : results) {
            acked.addAll(f.get());
        }
        pool.shutdown();
        assertEquals(clients * batches * perBatch, acked.size());
        Set<String> stored = new HashSet<>(db.column("SELECT id FROM events WHERE id LIKE 'dur-%'"));
        assertEquals(acked, stored);
        assertEquals(stored.size(), rows("dur-"));
    }
}
