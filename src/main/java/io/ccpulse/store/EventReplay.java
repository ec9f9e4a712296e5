package io.ccpulse.store;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SlaStatus;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.ingest.EventParser;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reading back what restart recovery needs: the stored raw events (without those the engine judged
 * late), where a replay must start so that everything live at a given time is replayed from its
 * beginning, and the keys of the facts already stored. SQL in {@link RecoverySql}.
 */
public final class EventReplay {

    private final DataSource ds;

    public EventReplay(DataSource ds) {
        this.ds = ds;
    }

    /** The newest stored event time the engine applied, or null when there is none. */
    public Instant newestEventTime() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(RecoverySql.NEWEST);
             ResultSet rs = p.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            c.rollback();
            return t == null ? null : t.toInstant();
        }
    }

    /**
     * The earliest start, not before {@code t - lookback}, of an agent session open at {@code t} or
     * of a contact with an event in {@code [t - contactMargin, t)}; {@code t} when there is none.
     */
    public Instant replayStart(Instant t, java.time.Duration contactMargin, java.time.Duration lookback)
            throws SQLException {
        Instant start = t;
        Timestamp from = Timestamp.from(t.minus(lookback));
        try (Connection c = ds.getConnection()) {
            try {
                try (PreparedStatement p = c.prepareStatement(RecoverySql.AGENTS_OPEN_AT)) {
                    p.setTimestamp(1, from);
                    p.setTimestamp(2, Timestamp.from(t));
                    start = min(start, p);
                }
                try (PreparedStatement p = c.prepareStatement(RecoverySql.CONTACTS_OPEN_AT)) {
                    p.setTimestamp(1, from);
                    p.setTimestamp(2, Timestamp.from(t));
                    p.setTimestamp(3, Timestamp.from(t.minus(contactMargin)));
                    start = min(start, p);
                }
            } finally {
                c.rollback();
            }
        }
        return start;
    }

    private static Instant min(Instant current, PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            Timestamp ts = rs.getTimestamp(1);
            return ts != null && ts.toInstant().isBefore(current) ? ts.toInstant() : current;
        }
    }

    /** Tickets to put back as stored at a replay starting at {@code r} (RecoverySql.TICKETS_TO_RESTORE). */
    public List<TicketFact> ticketsToRestore(Instant r) throws SQLException {
        List<TicketFact> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement(RecoverySql.TICKETS_TO_RESTORE)) {
            try {
                p.setTimestamp(1, Timestamp.from(r));
                p.setTimestamp(2, Timestamp.from(r));
                p.setTimestamp(3, Timestamp.from(r.minus(java.time.Duration.ofDays(90))));
                p.setTimestamp(4, Timestamp.from(r.minus(java.time.Duration.ofDays(30))));
                p.setFetchSize(10_000);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TicketFact(rs.getString(1), rs.getInt(3), instant(rs, 4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 2), instant(rs, 9),
                                instant(rs, 10), rs.getString(11), rs.getString(12), instant(rs, 13), rs.getString(14),
                                rs.getInt(15), (Integer) rs.getObject(16), instant(rs, 17), instant(rs, 18),
                                rs.getString(19), rs.getInt(20), rs.getInt(21), instant(rs, 22), sla(rs.getString(23)),
                                instant(rs, 24), sla(rs.getString(25)), instant(rs, 26), null));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    /** The stored ticket events before {@code r} of the tickets created before it that changed since, oldest first. */
    public List<Event> ticketEventsBefore(Instant r) throws SQLException {
        List<String> json = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement(RecoverySql.TICKET_EVENTS_BEFORE)) {
            try {
                p.setTimestamp(1, Timestamp.from(r));
                p.setTimestamp(2, Timestamp.from(r));
                p.setTimestamp(3, Timestamp.from(r));
                p.setFetchSize(10_000);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        json.add(rs.getString(2));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return parse(new EventParser(Long.MAX_VALUE / 4), json, new long[2]);
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static SlaStatus sla(String s) {
        return s == null ? null : SlaStatus.valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    /** What a replay read. */
    public record Read(long events, long unreadable) { }

    /**
     * Streams the stored events from {@code from} on, oldest first, parsed back into events, in batches
     * of about {@code batchSize} that are cut only between different times (so that every batch is in
     * order after the previous one).
     */
    public Read replay(Instant from, int batchSize, Consumer<List<Event>> batches) throws SQLException {
        EventParser parser = new EventParser(Long.MAX_VALUE / 4);
        long[] counts = new long[2];
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(RecoverySql.EVENTS_FROM)) {
            try {
                p.setFetchSize(10_000);
                p.setTimestamp(1, Timestamp.from(from));
                List<String> batch = new ArrayList<>(batchSize);
                long lastTime = Long.MIN_VALUE;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long t = rs.getTimestamp(1).getTime();
                        if (batch.size() >= batchSize && t != lastTime) {
                            batches.accept(parse(parser, batch, counts));
                            batch = new ArrayList<>(batchSize);
                        }
                        lastTime = t;
                        batch.add(rs.getString(2));
                    }
                }
                if (!batch.isEmpty()) {
                    batches.accept(parse(parser, batch, counts));
                }
            } finally {
                c.rollback();
            }
        }
        return new Read(counts[0], counts[1]);
    }

    /** Parses a batch on all cores (parsing costs more than applying), keeping the order. */
    private static List<Event> parse(EventParser parser, List<String> json, long[] counts) {
        List<EventParser.Result> parsed = json.parallelStream()
                .map(s -> parser.parse(new JsonObject(s), 0, 0)).toList();
        List<Event> out = new ArrayList<>(parsed.size());
        for (EventParser.Result r : parsed) {
            if (r.event() == null) {
                counts[1]++;
            } else {
                out.add(r.event().event());
                counts[0]++;
            }
        }
        return out;
    }

    /** The keys ("kind|key|time ms") of the stored facts placed at or after {@code from}. */
    public Set<String> storedFactKeys(Instant from) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(RecoverySql.FACT_KEYS)) {
            try {
                p.setFetchSize(10_000);
                for (int i = 1; i <= 5; i++) {
                    p.setTimestamp(i, Timestamp.from(from));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    /** The key of a fact in the form of {@link #storedFactKeys}. */
    public static String factKey(Fact f) {
        String kind;
        if (f instanceof QueueVisit) {
            kind = "visit";
        } else if (f instanceof HandleSegment) {
            kind = "segment";
        } else if (f instanceof AgentStateSpan) {
            kind = "span";
        } else if (f instanceof SurveyFact) {
            kind = "survey";
        } else if (f instanceof ContactFact) {
            kind = "contact";
        } else {
            kind = "?";
        }
        return kind + "|" + f.key() + "|" + f.time().toEpochMilli();
    }
}
