package io.ccpulse.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.api.LiveJson;
import io.ccpulse.config.Config;
import io.ccpulse.domain.engine.AgentLive;
import io.ccpulse.domain.engine.Engine;
import io.ccpulse.domain.engine.LiveSnapshot;
import io.ccpulse.domain.engine.TicketQueueLive;
import io.ccpulse.domain.event.Event;
import io.ccpulse.ingest.EventParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of README.md ("Targets, scorecards and comparisons"): its configuration and events, taken from the
 * document itself, run through the configuration loader, the event parser and the engine; the tables of
 * the document must be what the service computes (and the hand-worked numbers of the text).
 */
@DisplayName("README worked example (targets and scorecards)")
class WorkedExampleTest {

    static final Path DOC = Path.of("README.md");
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T15:00:00+01:00");

    @TempDir
    Path dir;

    /** The fenced block after the marker line {@code <!-- example: name -->}. */
    static String block(String doc, String name) {
        int m = doc.indexOf("<!-- example: " + name + " -->");
        assertTrue(m >= 0, "marker " + name);
        int start = doc.indexOf('\n', doc.indexOf("```", m)) + 1;
        int end = doc.indexOf("```", start);
        return doc.substring(start, end);
    }

    static List<Event> events(String ndjson) {
        EventParser p = new EventParser(Long.MAX_VALUE / 4);
        List<Event> out = new ArrayList<>();
        int i = 0;
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                EventParser.Result r = p.parse(new JsonObject(line), i++, 0);
                assertNotNull(r.event(), "valid: " + line + " " + r.rejection());
                out.add(r.event().event());
            }
        }
        return out;
    }

    static String num(Object v) {
        if (v == null) {
            return "–";
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf((long) d);
            }
            return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
        }
        return v.toString();
    }

    static String ticketsTable(JsonObject t) {
        StringBuilder sb = new StringBuilder("| field | value |\n|---|---|\n");
        for (String k : List.of("open", "overdue_response", "overdue_resolution")) {
            sb.append("| `").append(k).append("` | ").append(num(t.getValue(k))).append(" |\n");
        }
        JsonObject today = t.getJsonObject("today");
        for (String k : today.fieldNames()) {
            sb.append("| `today.").append(k).append("` | ").append(num(today.getValue(k))).append(" |\n");
        }
        return sb.toString();
    }

    static String scorecardTable(String agent, JsonObject card) {
        StringBuilder sb = new StringBuilder("| " + agent + " (card `" + card.getString("name")
                + "`) | weight | actual | target | attainment | weight × attainment |\n|---|---|---|---|---|---|\n");
        JsonArray items = card.getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            JsonObject l = items.getJsonObject(i);
            sb.append("| `").append(l.getString("kpi")).append("` (").append(l.getString("direction")).append(") | ")
                    .append(num(l.getValue("weight"))).append(" | ").append(num(l.getValue("actual"))).append(" | ")
                    .append(num(l.getValue("target"))).append(" | ").append(num(l.getValue("attainment"))).append(" | ")
                    .append(num(l.getValue("contribution"))).append(" |\n");
        }
        sb.append("| **score** | | | | coverage ").append(num(card.getValue("coverage"))).append(" | **")
                .append(num(card.getValue("score"))).append("** |\n");
        return sb.toString();
    }

    @Test
    @DisplayName("the document's configuration and events give the document's tables")
    void tablesMatch() throws IOException {
        String doc = Files.readString(DOC);
        Path yml = dir.resolve("acme.yml");
        Files.writeString(yml, block(doc, "config"));
        Config config = Config.load(yml, Map.of("CCPULSE_DB_USER", "u", "CCPULSE_INGEST_TOKENS", "pbx:secret"));
        Engine engine = new Engine(config.settings());
        engine.apply(events(block(doc, "events")));
        LiveSnapshot s = engine.snapshot(NOW.toInstant());

        TicketQueueLive support = s.tickets().get(0);
        assertEquals("support", support.queue());
        JsonObject t = LiveJson.tickets(support, NOW.toInstant());
        AgentLive ann = s.agents().get(0);
        AgentLive bob = s.agents().get(1);
        JsonObject annCard = LiveJson.agent(ann, NOW.toInstant(), 0, config.goals(), config.settings().zone())
                .getJsonObject("scorecard");
        JsonObject bobCard = LiveJson.agent(bob, NOW.toInstant(), 0, config.goals(), config.settings().zone())
                .getJsonObject("scorecard");

        String tickets = ticketsTable(t);
        String annTable = scorecardTable("Ann", annCard);
        String bobTable = scorecardTable("Bob", bobCard);
        if (doc.contains("TICKETS-TABLE") || doc.contains("ANN-TABLE") || doc.contains("BOB-TABLE")) {
            System.out.println(tickets + "\n" + annTable + "\n" + bobTable);
        }
        assertTrue(doc.contains(tickets), "the document shows:\n" + tickets);
        assertTrue(doc.contains(annTable), "the document shows:\n" + annTable);
        assertTrue(doc.contains(bobTable), "the document shows:\n" + bobTable);

        // the numbers worked out by hand in the text
        JsonObject today = t.getJsonObject("today");
        assertEquals(3000.0, today.getDouble("first_response_avg_s"), 1e-9);
        assertEquals(12_900.0, today.getDouble("resolution_avg_s"), 1e-9);
        assertEquals(0.5, today.getDouble("response_breach_rate"));
        assertEquals(0.0, today.getDouble("resolution_breach_rate"));
        assertEquals(0.2, today.getDouble("escalation_rate"));
        assertEquals(0.2, today.getDouble("reopen_rate"));
        assertEquals(0.4, today.getDouble("complaint_rate"));
        assertEquals(1, t.getInteger("overdue_response"));
        // Ann: 0.4 x (2/3)/0.8 + 0.3 x (2/3)/0.75 + 0.2 x 1.2 + 0.1 x 0.05/0.25 = 0.86
        assertEquals(0.86, annCard.getDouble("score"), 1e-4);
        // Bob: (0.5 x 1.2 + 0.3 x 1.2) / 0.8 = 1.2, coverage 0.8
        assertEquals(1.2, bobCard.getDouble("score"), 1e-9);
        assertEquals(0.8, bobCard.getDouble("coverage"), 1e-9);
    }
}
