package io.ccpulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LiveFilter")
class LiveFilterTest {

    private final FakeLiveSource source = FakeLiveSource.sample();

    private JsonObject apply(List<String> queues, List<String> agents) {
        return LiveFilter.parse(queues, agents).apply(source.queues(), source.agents());
    }

    private static List<String> keys(JsonObject payload, String array, String key) {
        return payload.getJsonArray(array).stream().map(o -> ((JsonObject) o).getString(key)).toList();
    }

    @Test
    @DisplayName("parses repeated and comma-separated values, trims them and drops empty ones")
    void parse() {
        LiveFilter f = LiveFilter.parse(List.of("billing, tech", "", " sales ,"), List.of("a-17"));
        assertEquals(Set.of("billing", "tech", "sales"), f.queues());
        assertEquals(Set.of("a-17"), f.agents());
        assertEquals(LiveFilter.ALL, LiveFilter.parse(List.of(), List.of("", " ")));
        assertEquals(LiveFilter.parse(List.of("tech,billing"), List.of()), LiveFilter.parse(List.of("billing", "tech"),
                List.of()), "equal filters share one computed frame");
    }

    @Test
    @DisplayName("rejects names over 128 characters and more than 100 values")
    void limits() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> LiveFilter.parse(List.of("x".repeat(129)), List.of()));
        assertTrue(tooLong.getMessage().contains("queue"));
        LiveFilter.parse(List.of("x".repeat(128)), List.of());
        assertThrows(IllegalArgumentException.class,
                () -> LiveFilter.parse(List.of(), Collections.nCopies(101, "a").stream()
                        .map(a -> a + Math.random()).toList()));
    }

    @Test
    @DisplayName("no filter: everything, in the source's order, with generated_at")
    void all() {
        JsonObject p = apply(List.of(), List.of());
        assertEquals(List.of("billing", "billing", "tech", "sales"), keys(p, "queues", "queue"));
        assertEquals(List.of("a-17", "a-18", "a-19"), keys(p, "agents", "agent"));
        assertEquals(source.queues().getString("generated_at").substring(0, 16), p.getString("generated_at").substring(0, 16));
    }

    @Test
    @DisplayName("queues: every channel of those queues, and the agents serving any of them")
    void queues() {
        JsonObject p = apply(List.of("billing"), List.of());
        assertEquals(List.of("billing", "billing"), keys(p, "queues", "queue"));
        assertEquals(List.of("a-17", "a-19"), keys(p, "agents", "agent"));
    }

    @Test
    @DisplayName("agents: those agents and the queues they serve; both: exactly what was asked")
    void agents() {
        JsonObject p = apply(List.of(), List.of("a-19"));
        assertEquals(List.of("billing", "billing", "sales"), keys(p, "queues", "queue"));
        assertEquals(List.of("a-19"), keys(p, "agents", "agent"));
        JsonObject both = apply(List.of("tech"), List.of("a-19"));
        assertEquals(List.of("tech"), keys(both, "queues", "queue"));
        assertEquals(List.of("a-19"), keys(both, "agents", "agent"));
    }

    @Test
    @DisplayName("survives missing arrays and agents without queues")
    void missingParts() {
        JsonObject agents = new JsonObject().put("agents", new JsonArray().add(new JsonObject().put("agent", "a-1")));
        JsonObject p = LiveFilter.parse(List.of(), List.of("a-1")).apply(new JsonObject(), agents);
        assertEquals(0, p.getJsonArray("queues").size());
        assertEquals(1, p.getJsonArray("agents").size());
        assertEquals(0, LiveFilter.parse(List.of("q"), List.of()).apply(new JsonObject(), agents)
                .getJsonArray("agents").size());
    }
}
