package io.ccpulse.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which part of the live state a stream client sees, from {@code ?queue=..&agent=..} (each
 * repeatable, or comma-separated).
 *
 * <ul>
 *   <li>no parameter: every queue and every agent;</li>
 *   <li>queues only: those queues, and the agents who serve at least one of them;</li>
 *   <li>agents only: those agents, and the queues they serve (an agent's own view);</li>
 *   <li>both: exactly those queues and those agents.</li>
 * </ul>
 * A queue name matches the queue on every channel. Unknown names simply match nothing.
 */
record LiveFilter(Set<String> queues, Set<String> agents) {

    static final int MAX_VALUES = 100;
    static final int MAX_LENGTH = 128;
    static final LiveFilter ALL = new LiveFilter(Set.of(), Set.of());

    LiveFilter {
        queues = Set.copyOf(queues);
        agents = Set.copyOf(agents);
    }

    /** Parses the query parameters; throws {@link IllegalArgumentException} with the reason for a 400. */
    static LiveFilter parse(List<String> queueParams, List<String> agentParams) {
        return new LiveFilter(values("queue", queueParams), values("agent", agentParams));
    }

    private static Set<String> values(String name, List<String> params) {
        Set<String> out = new LinkedHashSet<>();
        for (String param : params) {
            for (String part : param.split(",", -1)) {
                String v = part.trim();
                if (v.isEmpty()) {
                    continue;
                }
                if (v.length() > MAX_LENGTH) {
                    throw new IllegalArgumentException(name + " names are at most " + MAX_LENGTH + " characters");
                }
                out.add(v);
                if (out.size() > MAX_VALUES) {
                    throw new IllegalArgumentException("at most " + MAX_VALUES + " " + name + " values");
                }
            }
        }
        return out;
    }

    /**
     * The stream payload for this filter: {@code {"generated_at":..., "queues":[...], "agents":[...]}},
     * objects in the source's order, shared (not copied) from the source JSON.
     */
    JsonObject apply(JsonObject queuesJson, JsonObject agentsJson) {
        JsonArray allQueues = array(queuesJson, "queues");
        JsonArray allAgents = array(agentsJson, "agents");
        JsonArray agentsOut = new JsonArray();
        Set<String> agentQueues = new LinkedHashSet<>();
        for (Object o : allAgents) {
            if (!(o instanceof JsonObject)) {
                continue;
            }
            JsonObject a = (JsonObject) o;
            boolean keep;
            if (!agents.isEmpty()) {
                keep = agents.contains(a.getString("agent"));
            } else if (!queues.isEmpty()) {
                keep = servesAny(a, queues);
            } else {
                keep = true;
            }
            if (keep) {
                agentsOut.add(a);
                JsonArray qs = a.getJsonArray("queues");
                if (qs != null) {
                    qs.forEach(q -> agentQueues.add(String.valueOf(q)));
                }
            }
        }
        Set<String> wanted = !queues.isEmpty() ? queues : !agents.isEmpty() ? agentQueues : null;
        JsonArray queuesOut = new JsonArray();
        for (Object o : allQueues) {
            if (o instanceof JsonObject && (wanted == null || wanted.contains(((JsonObject) o).getString("queue")))) {
                queuesOut.add(o);
            }
        }
        String generatedAt = queuesJson != null && queuesJson.getString("generated_at") != null
                ? queuesJson.getString("generated_at")
                : agentsJson == null ? null : agentsJson.getString("generated_at");
        return new JsonObject().put("generated_at", generatedAt).put("queues", queuesOut).put("agents", agentsOut);
    }

    private static boolean servesAny(JsonObject agent, Set<String> queues) {
        JsonArray qs = agent.getJsonArray("queues");
        if (qs == null) {
            return false;
        }
        for (Object q : qs) {
            if (queues.contains(String.valueOf(q))) {
                return true;
            }
        }
        return false;
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonArray a = o == null ? null : o.getJsonArray(key);
        return a == null ? new JsonArray() : a;
    }
}
