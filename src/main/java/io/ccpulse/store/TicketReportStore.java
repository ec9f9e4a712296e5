package io.ccpulse.store;

import io.ccpulse.domain.kpi.ResponseTally;
import io.ccpulse.domain.kpi.TicketTally;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads ticket reports from the {@code tickets} table (newest version of each ticket): per series (queue
 * or agent) and period the {@link TicketTally} counts, and the inbound contacts per queue and period for
 * the complaint rate. Exact: every ticket counts once per KPI, at that KPI's time. Blocking JDBC: call off
 * the event loop. SQL in {@link TicketReportSql}.
 */
public final class TicketReportStore {

    /** What the series of a ticket report are. */
    public enum By {
        QUEUE("t.queue"), AGENT("t.agent");

        final String expression;

        By(String expression) {
            this.expression = expression;
        }
    }

    /** Open tickets of a queue at a time: open, overdue response, overdue resolution. */
    public record Open(long open, long overdueResponse, long overdueResolution) { }

    private final DataSource ds;

    public TicketReportStore(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Per series (queue or agent) and period index (1-based, in the order of {@code periodStarts}) the
     * ticket tally of [from, to).
     *
     * @param keys   only these queues (or agents); null for all
     * @param queues only tickets of these queues; null for all
     */
    public Map<String, Map<Integer, TicketTally>> tallies(By by, List<Instant> periodStarts, Instant from, Instant to,
                                                           List<String> keys, List<String> queues) throws SQLException {
        Map<String, Map<Integer, TicketTally>> out = new TreeMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement(TicketReportSql.tallies(by.expression))) {
            try {
                p.setArray(1, instants(c, periodStarts));
                p.setArray(2, texts(c, keys));
                p.setArray(3, texts(c, queues));
                p.setTimestamp(4, Timestamp.from(from));
                p.setTimestamp(5, Timestamp.from(to));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long[] v = new long[12];
                        for (int j = 0; j < 12; j++) {
                            v[j] = rs.getLong(3 + j);
                        }
                        TicketTally t = TicketTally.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                                v[10], v[11]);
                        out.computeIfAbsent(rs.getString(2), x -> new TreeMap<>())
                                .merge(rs.getInt(1), t, TicketTally::merge);
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    /** Per queue and period index the inbound contacts that ended in it (complaint rate). */
    public Map<String, Map<Integer, Long>> inboundContacts(List<Instant> periodStarts, Instant from, Instant to,
                                                           List<String> queues) throws SQLException {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement(TicketReportSql.INBOUND_CONTACTS)) {
            try {
                p.setArray(1, instants(c, periodStarts));
                p.setArray(2, texts(c, queues));
                p.setTimestamp(3, Timestamp.from(from));
                p.setTimestamp(4, Timestamp.from(to));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(2), x -> new TreeMap<>()).put(rs.getInt(1), rs.getLong(3));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    /** Per agent and period index the answers and first responses ({@link ResponseTally}), for response speed. */
    public Map<String, Map<Integer, ResponseTally>> agentResponses(List<Instant> periodStarts, Instant from,
                                                                    Instant to, List<String> agents)
            throws SQLException {
        Map<String, Map<Integer, ResponseTally>> out = new TreeMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement(TicketReportSql.AGENT_RESPONSES)) {
            try {
                p.setArray(1, instants(c, periodStarts));
                p.setArray(2, texts(c, agents));
                p.setTimestamp(3, Timestamp.from(from));
                p.setTimestamp(4, Timestamp.from(to));
                p.setTimestamp(5, Timestamp.from(from));
                p.setTimestamp(6, Timestamp.from(to));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(2), x -> new TreeMap<>()).put(rs.getInt(1),
                                ResponseTally.of(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                                        rs.getLong(7), rs.getLong(8)));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    /** The team of every ticket agent of [from, to) (from its most recently changed ticket); null when unknown. */
    public Map<String, String> agentTeams(Instant from, Instant to) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(TicketReportSql.AGENT_TEAMS)) {
            try {
                p.setTimestamp(1, Timestamp.from(to));
                p.setTimestamp(2, Timestamp.from(from));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    /** The tickets open now per queue, overdue at {@code now} (from the stored newest versions). */
    public Map<String, Open> openAt(Instant now, List<String> queues) throws SQLException {
        Map<String, Open> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(TicketReportSql.OPEN_NOW)) {
            try {
                p.setTimestamp(1, Timestamp.from(now));
                p.setTimestamp(2, Timestamp.from(now));
                Array q = texts(c, queues);
                p.setArray(3, q);
                p.setArray(4, q);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Open(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    private static Array instants(Connection c, List<Instant> l) throws SQLException {
        Timestamp[] a = new Timestamp[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Timestamp.from(l.get(i));
        }
        return c.createArrayOf("timestamptz", a);
    }

    private static Array texts(Connection c, List<String> l) throws SQLException {
        return l == null ? null : c.createArrayOf("text", l.toArray());
    }
}
