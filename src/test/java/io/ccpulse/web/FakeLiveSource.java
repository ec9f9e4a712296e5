package io.ccpulse.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/** A live source the test controls: change() edits the JSON and bumps the version. Thread-safe. */
final class FakeLiveSource implements LiveSource {

    private long version = 1;
    private JsonObject queues;
    private JsonObject agents;

    FakeLiveSource(JsonArray queues, JsonArray agents) {
        this.queues = new JsonObject().put("generated_at", now()).put("queues", queues);
        this.agents = new JsonObject().put("generated_at", now()).put("agents", agents);
    }

    /** Three queues (billing voice + chat, tech voice, sales voice) and three agents. */
    static FakeLiveSource sample() {
        return new FakeLiveSource(new JsonArray()
                .add(queue("billing", "voice", 3, 41.2, 2, 0.82, 0.74, 0.048, 12.4, 130))
                .add(queue("billing", "chat", 1, 8.0, 1, 0.95, 1.0, 0.0, 6.0, 40))
                .add(queue("tech", "voice", 0, 0.0, 4, 0.61, null, 0.12, 35.0, 52))
                .add(queue("sales", "voice", 5, 95.0, 0, 0.79, 0.5, 0.2, 70.0, 20)),
                new JsonArray()
                        .add(agent("a-17", "Ana Lima", "billing-1", new JsonArray().add("billing"), "on_contact"))
                        .add(agent("a-18", "Ben Okafor", "tech-1", new JsonArray().add("tech"), "available"))
                        .add(agent("a-19", "Chen Wei", "sales-1", new JsonArray().add("sales").add("billing"), "away")
                                .put("reason", "lunch")));
    }

    static JsonObject queue(String name, String channel, int waiting, double oldest, int available,
                            Double slToday, Double sl15, Double abandonRate, Double asa, int offered) {
        return new JsonObject().put("queue", name).put("channel", channel)
                .put("waiting", waiting).put("oldest_wait_s", oldest)
                .put("agents", new JsonObject().put("available", available).put("ringing", 0).put("on_contact", 5)
                        .put("acw", 1).put("away", 1))
                .put("today", new JsonObject().put("offered", offered).put("answered", offered - 6)
                        .put("service_level", slToday).put("abandon_rate", abandonRate).put("asa_s", asa))
                .put("last_15m", new JsonObject().put("offered", 12).put("service_level", sl15)
                        .put("abandon_rate", 0.0).put("asa_s", 9.0))
                .put("settings", new JsonObject().put("sl_threshold_s", 20).put("sl_target", 0.8)
                        .put("sl_abandon_mode", "ignore").put("short_abandon_s", 5));
    }

    static JsonObject agent(String id, String name, String team, JsonArray queues, String state) {
        return new JsonObject().put("agent", id).put("name", name).put("team", team).put("queues", queues)
                .put("state", state).put("since", Instant.now().minusSeconds(125).truncatedTo(ChronoUnit.MILLIS).toString())
                .putNull("reason").put("contacts", new JsonArray().add("c-9"))
                .put("today", new JsonObject().put("handled", 14).put("aht_s", 312.0).put("occupancy", 0.78)
                        .put("csat", 0.92).put("csat_mean", 4.6));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public synchronized long version() {
        return version;
    }

    @Override
    public synchronized JsonObject queues() {
        return queues.copy().put("generated_at", now());
    }

    @Override
    public synchronized JsonObject agents() {
        return agents.copy().put("generated_at", now());
    }

    /** Edits the state (queues, agents) and bumps the version. */
    synchronized void change(Consumer<JsonArray> queueEdit, Consumer<JsonArray> agentEdit) {
        queueEdit.accept(queues.getJsonArray("queues"));
        agentEdit.accept(agents.getJsonArray("agents"));
        version++;
    }

    /** Takes over another fake's state (a fresh start for the next test) and bumps the version. */
    synchronized void resetTo(FakeLiveSource other) {
        queues = other.queues.copy();
        agents = other.agents.copy();
        version++;
    }

    synchronized void bump() {
        version++;
    }

    synchronized JsonObject queue(String name, String channel) {
        for (Object o : queues.getJsonArray("queues")) {
            JsonObject q = (JsonObject) o;
            if (q.getString("queue").equals(name) && q.getString("channel").equals(channel)) {
                return q;
            }
        }
        throw new IllegalArgumentException(name + "/" + channel);
    }
}
