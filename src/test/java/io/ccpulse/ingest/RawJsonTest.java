package io.ccpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ccpulse.domain.event.EventType;
import io.ccpulse.support.Examples;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RawJsonTest {

    private static List<Object> items(String body, List<String> raws) {
        return IngestHandler.jsonItems(Buffer.buffer(body), raws);
    }

    @Test
    @DisplayName("Each element of an array body is cut out as sent, and parses to the same object")
    void arraySlices() {
        String body = " [ {\"id\":\"a\",\"type\":\"x\", \"n\": [1, {\"b\": \"]}\\\"\"}]} ,\n"
                + "{\"id\":\"é,[\"}\t, 5, \"s,]\", [] , {} ]  ";
        List<String> raws = new ArrayList<>();
        List<Object> items = items(body, raws);
        assertEquals(6, items.size());
        assertEquals(List.of("{\"id\":\"a\",\"type\":\"x\", \"n\": [1, {\"b\": \"]}\\\"\"}]}", "{\"id\":\"é,[\"}", "5",
                "\"s,]\"", "[]", "{}"), raws);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(items.get(i), Json.decodeValue(raws.get(i)));
        }
    }

    @Test
    @DisplayName("Random batches of every event type: every slice parses to its element")
    void randomBatches() {
        Random rnd = new Random(7);
        EventType[] types = EventType.values();
        for (int round = 0; round < 200; round++) {
            JsonArray a = new JsonArray();
            int n = 1 + rnd.nextInt(20);
            for (int i = 0; i < n; i++) {
                JsonObject o = Examples.of(types[rnd.nextInt(types.length)], "r-" + round + "-" + i);
                o.put("extra", new JsonObject().put("s", "q\"uo,te]}{[" + rnd.nextInt()).put("list", new JsonArray().add(1).add("x")));
                a.add(o);
            }
            String body = rnd.nextBoolean() ? a.encode() : a.encodePrettily();
            List<String> raws = new ArrayList<>();
            List<Object> items = items(body, raws);
            assertEquals(n, raws.size());
            for (int i = 0; i < n; i++) {
                assertNotNull(raws.get(i));
                assertEquals(a.getValue(i), Json.decodeValue(raws.get(i)));
                assertEquals(items.get(i), Json.decodeValue(raws.get(i)));
            }
        }
    }

    @Test
    @DisplayName("Elements with a comment or a \\u escape are not cut out (the parsed object is encoded instead)")
    void fallbacks() {
        List<String> raws = new ArrayList<>();
        items("[{\"id\":\"a\" /* c */}, {\"id\":\"\\u00e9\"}, {\"id\":\"ok/\\\\u\"}]", raws);
        assertNull(raws.get(0));
        assertNull(raws.get(1));
        assertEquals("{\"id\":\"ok/\\\\u\"}", raws.get(2));
    }

    @Test
    @DisplayName("A single object body and NDJSON lines are stored as sent")
    void wholeAndLines() {
        List<String> raws = new ArrayList<>();
        items("\n {\"id\":\"a\", \"type\":\"t\"} \n", raws);
        assertEquals(List.of("{\"id\":\"a\", \"type\":\"t\"}"), raws);
        raws.clear();
        List<Object> items = IngestHandler.ndjsonItems(Buffer.buffer("{\"id\":\"a\"}\r\n\nnot json\n {\"id\":\"b\"} "), raws);
        assertEquals(3, items.size());
        assertEquals("{\"id\":\"a\"}", raws.get(0));
        assertNull(raws.get(1));
        assertEquals("{\"id\":\"b\"}", raws.get(2));
    }

    @Test
    @DisplayName("The parser stores the given text, or encodes the object when there is none")
    void parserUsesRaw() {
        EventParser p = new EventParser(3_600_000);
        JsonObject o = Examples.of(EventType.CONTACT_QUEUED, "p-1");
        long now = java.time.Instant.parse(Examples.TIME).toEpochMilli();
        String raw = " " + o.encodePrettily();
        assertEquals(raw, p.parse(o, raw, 0, now).event().json());
        assertEquals(o.encode(), p.parse(o, null, 0, now).event().json());
    }
}
