package io.ccpulse.store;

import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.kpi.AgentSums;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.Percentile;
import io.ccpulse.domain.kpi.QueueSums;
import io.ccpulse.domain.settings.FcrScope;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads reports: summed roll-ups per period with their exact percentiles (value arrays) and settled FCR
 * counts, the FCR of the contacts not settled yet from the facts, and the queue visits behind a number. Blocking JDBC: call off the event loop. SQL in {@link ReportSql}.
 */
public final class ReportStore {

    /** A key of a report series: queue and channel, or agent and team (agent "" when by team). */
    public record SeriesKey(String a, String b) implements Comparable<SeriesKey> {
        @Override
        public int compareTo(SeriesKey o) {
            int c = a.compareTo(o.a);
            return c != 0 ? c : b.compareTo(o.b);
        }
    }

    /** Per series: the sums of each period (1-based index) that has data. */
    public record Sums<T>(Map<SeriesKey, Map<Integer, T>> bySeries) { }

    /** FCR counts of one period or the totals. */
    public record FcrCounts(long resolved, long closed, long pending) {
        public FcrCounts plus(FcrCounts o) {
            return new FcrCounts(resolved + o.resolved, closed + o.closed, pending + o.pending);
        }
    }

    /** Percentiles of one period (idx) or the totals (idx 0). */
    public record Percentiles(Long p50, Long p90) { }

    /** Per series and period index (0 = totals) a value. */
    public record Indexed<T>(Map<SeriesKey, Map<Integer, T>> values) {
        public T get(SeriesKey k, int idx) {
            Map<Integer, T> m = values.get(k);
            return m == null ? null : m.get(idx);
        }
    }

    /** One queue visit behind a number. */
    public record ContactRow(String contact, int seq, String queue, String channel, String direction, String customer,
                             String priority, Instant queuedAt, Instant leftAt, long waitMs, String outcome,
                             String agent) { }

    /** A page of queue visits. */
    public record ContactPage(long total, List<ContactRow> rows) { }

    private final DataSource ds;
    private final Settings settings;

    public ReportStore(DataSource ds, Settings settings) {
        this.ds = ds;
        this.settings = settings;
    }

    // ------------------------------------------------------------------ queues

    /**
     * The sums of a report and the FCR counts of its contacts, read in one snapshot; for queues also the
     * wait p50/p90 and first response p90 (as p90, p50 null) from the roll-ups' value arrays (null for
     * agents).
     */
    public record Data<T>(Map<SeriesKey, Map<Integer, T>> sums, Indexed<FcrCounts> fcr, Indexed<Percentiles> waits,
                          Indexed<Percentiles> frts) { }

    public Map<SeriesKey, Map<Integer, QueueSums>> queueSums(List<Instant> periodStarts, Instant from, Instant to,
                                                              List<String> queues, List<String> channels)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            try {
                return queueSums(c, periodStarts, from, to, queues, channels, null, null, null);
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * The summed queue roll-ups per series and period and the FCR counts (settled ones from the same
     * roll-up rows, the others from the facts) as of {@code asOf}, in one repeatable-read transaction
     * (a settle run in between changes neither).
     */
    public Data<QueueSums> queueData(List<Instant> periodStarts, Instant from, Instant to, List<String> queues,
                                     List<String> channels, Instant asOf) throws SQLException {
        try (Connection c = snapshot()) {
            try {
                Map<SeriesKey, Map<Integer, FcrCounts>> settled = new HashMap<>();
                Values waits = new Values();
                Values frts = new Values();
                Map<SeriesKey, Map<Integer, QueueSums>> sums = queueSums(c, periodStarts, from, to, queues, channels,
                        settled, waits, frts);
                return new Data<>(sums, fcr(c, FcrKey.QUEUE, periodStarts, from, to, queues, channels, asOf, settled),
                        waits.percentiles(true), frts.percentiles(false));
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * As {@link #queueSums}, adding each row's settled FCR counts to {@code settled}, its waits to
     * {@code waits} and its first response times to {@code frts} (each if not null).
     */
    private static Map<SeriesKey, Map<Integer, QueueSums>> queueSums(Connection c, List<Instant> periodStarts,
            Instant from, Instant to, List<String> queues, List<String> channels,
            Map<SeriesKey, Map<Integer, FcrCounts>> settled, Values waits, Values frts) throws SQLException {
        Map<SeriesKey, Map<Integer, QueueSums>> out = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(ReportSql.QUEUE_ROLLUPS)) {
            int i = 1;
            p.setArray(i++, instants(c, periodStarts));
            p.setArray(i++, texts(c, queues));
            p.setArray(i++, texts(c, channels));
            p.setTimestamp(i++, Timestamp.from(from));
            p.setTimestamp(i, Timestamp.from(to));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int idx = rs.getInt(1);
                    SeriesKey k = new SeriesKey(rs.getString(2), rs.getString(3));
                    long[] v = new long[ReportSql.QUEUE_SUM_COLUMNS];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = rs.getLong(4 + j);
                    }
                    out.computeIfAbsent(k, x -> new TreeMap<>()).put(idx, queueSums(v));
                    addSettled(settled, k, idx, rs, 4 + ReportSql.QUEUE_SUM_COLUMNS);
                    if (waits != null) {
                        waits.add(k, idx, rs.getArray(4 + ReportSql.QUEUE_SUM_COLUMNS + 2));
                    }
                    if (frts != null) {
                        frts.add(k, idx, rs.getArray(4 + ReportSql.QUEUE_SUM_COLUMNS + 3));
                    }
                }
            }
        }
        return out;
    }

    /** Adds the settled FCR counts (resolved, closed at {@code col}, {@code col + 1}) of a period and the totals. */
    private static void addSettled(Map<SeriesKey, Map<Integer, FcrCounts>> settled, SeriesKey k, int idx,
                                   ResultSet rs, int col) throws SQLException {
        long closed = rs.getLong(col + 1);
        if (settled == null || closed == 0) {
            return;
        }
        FcrCounts v = new FcrCounts(rs.getLong(col), closed, 0);
        Map<Integer, FcrCounts> m = settled.computeIfAbsent(k, x -> new HashMap<>());
        m.merge(idx, v, FcrCounts::plus);
        m.merge(0, v, FcrCounts::plus);
    }

    /** Values (waits or first response times) per series and period, for exact nearest-rank percentiles. */
    private static final class Values {
        private final Map<SeriesKey, Map<Integer, long[]>> byPeriod = new HashMap<>();

        void add(SeriesKey k, int idx, Array array) throws SQLException {
            if (array == null) {
                return;
            }
            Object[] a = (Object[]) array.getArray();
            if (a.length == 0) {
                return;
            }
            long[] v = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                v[i] = ((Number) a[i]).longValue();
            }
            byPeriod.computeIfAbsent(k, x -> new HashMap<>()).put(idx, v);
        }

        /** p50 and p90 (or p90 only) of each period, and of the whole range (index 0). */
        Indexed<Percentiles> percentiles(boolean both) {
            Map<SeriesKey, Map<Integer, Percentiles>> out = new HashMap<>();
            byPeriod.forEach((k, periods) -> {
                Map<Integer, Percentiles> m = new HashMap<>();
                int total = 0;
                for (Map.Entry<Integer, long[]> e : periods.entrySet()) {
                    long[] v = e.getValue();
                    Arrays.sort(v);
                    m.put(e.getKey(), of(v, both));
                    total += v.length;
                }
                long[] all = new long[total];
                int i = 0;
                for (long[] v : periods.values()) {
                    System.arraycopy(v, 0, all, i, v.length);
                    i += v.length;
                }
                Arrays.sort(all);
                m.put(0, of(all, both));
                out.put(k, m);
            });
            return new Indexed<>(out);
        }

        private static Percentiles of(long[] sorted, boolean both) {
            Long p90 = Percentile.nearestRank(sorted, sorted.length, 0.9);
            return new Percentiles(both ? Percentile.nearestRank(sorted, sorted.length, 0.5) : null, p90);
        }
    }

    /** A connection whose transaction (to be ended by the caller) reads one snapshot for all its statements. */
    private Connection snapshot() throws SQLException {
        Connection c = ds.getConnection();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return c;
    }

    private static QueueSums queueSums(long[] v) {
        return new QueueSums(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24], v[25], v[26], v[27], v[28],
                v[29]);
    }

    /** How FCR results are keyed (select, group, filter of the contacts not settled yet). */
    public enum FcrKey {
        QUEUE("st.entry_queue, st.channel", "st.entry_queue, st.channel",
                "AND (f.a IS NULL OR c.entry_queue = ANY(f.a)) AND (f.b IS NULL OR c.channel = ANY(f.b))"),
        AGENT("st.first_agent, st.first_team", "st.first_agent, st.first_team",
                "AND (f.a IS NULL OR c.first_agent = ANY(f.a)) AND (f.b IS NULL OR coalesce(c.first_team, '') = ANY(f.b))"),
        TEAM("'', st.first_team", "st.first_team",
                "AND (f.a IS NULL OR c.first_agent = ANY(f.a)) AND (f.b IS NULL OR coalesce(c.first_team, '') = ANY(f.b))");

        final String select;
        final String group;
        final String filter;

        FcrKey(String select, String group, String filter) {
            this.select = select;
            this.group = group;
            this.filter = filter;
        }

        String sql() {
            return String.format(ReportSql.FCR, select, group, filter);
        }
    }

    /**
     * FCR counts per series and period (0 = totals) of the eligible contacts that ended in [from, to),
     * as of {@code asOf}: the settled ones (FcrSettler) from the roll-ups, the others from the contacts
     * facts with each entry queue's current window and scope, in one snapshot. {@code asOf} must not be
     * before the settle horizon (it is the request time; the horizon lies behind the service's clock).
     */
    public Indexed<FcrCounts> fcr(FcrKey key, List<Instant> periodStarts, Instant from, Instant to, List<String> a,
                                  List<String> b, Instant asOf) throws SQLException {
        try (Connection c = snapshot()) {
            try {
                Map<SeriesKey, Map<Integer, FcrCounts>> settled = new HashMap<>();
                if (key == FcrKey.QUEUE) {
                    queueSums(c, periodStarts, from, to, a, b, settled, null, null);
                } else {
                    agentSums(c, periodStarts, from, to, a, b, key == FcrKey.TEAM, settled);
                }
                return fcr(c, key, periodStarts, from, to, a, b, asOf, settled);
            } finally {
                c.rollback();
            }
        }
    }

    /** The contacts not settled yet from the facts, added to the settled counts. */
    private Indexed<FcrCounts> fcr(Connection c, FcrKey key, List<Instant> periodStarts, Instant from, Instant to,
                                   List<String> a, List<String> b, Instant asOf,
                                   Map<SeriesKey, Map<Integer, FcrCounts>> settled) throws SQLException {
        Map<SeriesKey, Map<Integer, FcrCounts>> out = new HashMap<>();
        settled.forEach((k, m) -> out.put(k, new HashMap<>(m)));
        try (PreparedStatement p = c.prepareStatement(key.sql())) {
            int i = bindFcrSettings(c, p, 1, settings);
            p.setArray(i++, instants(c, periodStarts));
            p.setArray(i++, texts(c, a));
            p.setArray(i++, texts(c, b));
            p.setTimestamp(i++, Timestamp.from(from));
            p.setTimestamp(i++, Timestamp.from(to));
            p.setTimestamp(i, Timestamp.from(asOf));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int idx = rs.getInt(1);
                    if (rs.wasNull()) {
                        idx = 0;
                    }
                    SeriesKey k = new SeriesKey(nn(rs.getString(2)), nn(rs.getString(3)));
                    out.computeIfAbsent(k, x -> new HashMap<>())
                            .merge(idx, new FcrCounts(rs.getLong(4), rs.getLong(5), rs.getLong(6)), FcrCounts::plus);
                }
            }
        }
        return new Indexed<>(out);
    }

    /** Binds {@link ReportSql#FCR_SETTINGS} from {@code first}; returns the next parameter index. */
    static int bindFcrSettings(Connection c, PreparedStatement p, int first, Settings settings) throws SQLException {
        List<String> names = new ArrayList<>(settings.queues().keySet());
        List<Long> windows = new ArrayList<>();
        List<Boolean> same = new ArrayList<>();
        for (String q : names) {
            QueueSettings s = settings.queue(q);
            windows.add(s.fcrWindow().toMillis());
            same.add(s.fcrScope() == FcrScope.SAME_QUEUE);
        }
        int i = first;
        p.setArray(i++, c.createArrayOf("text", names.toArray()));
        p.setArray(i++, c.createArrayOf("int8", windows.toArray()));
        p.setArray(i++, c.createArrayOf("bool", same.toArray()));
        p.setLong(i++, settings.defaults().fcrWindow().toMillis());
        p.setBoolean(i++, settings.defaults().fcrScope() == FcrScope.SAME_QUEUE);
        return i;
    }

    // ------------------------------------------------------------------ agents

    /**
     * Summed agent roll-ups per series (agent and team, or "" and team when {@code byTeam}) and period;
     * team "" means none.
     */
    public Map<SeriesKey, Map<Integer, AgentSums>> agentSums(List<Instant> periodStarts, Instant from, Instant to,
                                                              List<String> agents, List<String> teams, boolean byTeam)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            try {
                return agentSums(c, periodStarts, from, to, agents, teams, byTeam, null);
            } finally {
                c.rollback();
            }
        }
    }

    /** As {@link #queueData} for agents (or teams when {@code byTeam}). */
    public Data<AgentSums> agentData(List<Instant> periodStarts, Instant from, Instant to, List<String> agents,
                                     List<String> teams, boolean byTeam, Instant asOf) throws SQLException {
        try (Connection c = snapshot()) {
            try {
                Map<SeriesKey, Map<Integer, FcrCounts>> settled = new HashMap<>();
                Map<SeriesKey, Map<Integer, AgentSums>> sums = agentSums(c, periodStarts, from, to, agents, teams,
                        byTeam, settled);
                return new Data<>(sums, fcr(c, byTeam ? FcrKey.TEAM : FcrKey.AGENT, periodStarts, from, to, agents,
                        teams, asOf, settled), null, null);
            } finally {
                c.rollback();
            }
        }
    }

    private static Map<SeriesKey, Map<Integer, AgentSums>> agentSums(Connection c, List<Instant> periodStarts,
            Instant from, Instant to, List<String> agents, List<String> teams, boolean byTeam,
            Map<SeriesKey, Map<Integer, FcrCounts>> settled) throws SQLException {
        String agentExpr = byTeam ? "''" : "r.agent";
        Map<SeriesKey, Map<Integer, long[]>> sums = new TreeMap<>();
        Map<SeriesKey, Map<Integer, Map<String, Long>>> away = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(String.format(ReportSql.AGENT_ROLLUPS, agentExpr))) {
            bindAgents(c, p, periodStarts, from, to, agents, teams);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[ReportSql.AGENT_SUM_COLUMNS];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = rs.getLong(4 + j);
                    }
                    SeriesKey k = new SeriesKey(rs.getString(2), rs.getString(3));
                    sums.computeIfAbsent(k, x -> new TreeMap<>()).put(rs.getInt(1), v);
                    addSettled(settled, k, rs.getInt(1), rs, 4 + ReportSql.AGENT_SUM_COLUMNS);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(String.format(ReportSql.AGENT_AWAY, agentExpr))) {
            bindAgents(c, p, periodStarts, from, to, agents, teams);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String reason = rs.getString(4);
                    away.computeIfAbsent(new SeriesKey(rs.getString(2), rs.getString(3)), x -> new HashMap<>())
                            .computeIfAbsent(rs.getInt(1), x -> new TreeMap<>())
                            .merge(reason.isEmpty() ? AgentTally.NO_REASON : reason, rs.getLong(5), Long::sum);
                }
            }
        }
        Map<SeriesKey, Map<Integer, AgentSums>> out = new TreeMap<>();
        sums.forEach((k, byIdx) -> byIdx.forEach((idx, v) -> {
            Map<String, Long> reasons = away.getOrDefault(k, Map.of()).getOrDefault(idx, Map.of());
            out.computeIfAbsent(k, x -> new TreeMap<>()).put(idx, agentSums(v, reasons));
        }));
        return out;
    }

    private static void bindAgents(Connection c, PreparedStatement p, List<Instant> periodStarts, Instant from,
                                   Instant to, List<String> agents, List<String> teams) throws SQLException {
        int i = 1;
        p.setArray(i++, instants(c, periodStarts));
        p.setArray(i++, texts(c, agents));
        p.setArray(i++, texts(c, teams));
        p.setTimestamp(i++, Timestamp.from(from));
        p.setTimestamp(i, Timestamp.from(to));
    }

    private static AgentSums agentSums(long[] v, Map<String, Long> awayByReason) {
        EnumMap<AgentState, Long> states = new EnumMap<>(AgentState.class);
        states.put(AgentState.AVAILABLE, v[0]);
        states.put(AgentState.RINGING, v[1]);
        states.put(AgentState.ON_CONTACT, v[2]);
        states.put(AgentState.ACW, v[3]);
        states.put(AgentState.AWAY, v[4]);
        return new AgentSums(states, awayByReason, v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14],
                v[15], v[16], v[17], v[18], v[19]);
    }

    // ------------------------------------------------------------------ contacts behind a number

    /**
     * One page of the queue visits that left a queue in [from, to), oldest first, with their outcome
     * as counted by the reports ("short_abandoned" for an abandon shorter than the queue's current
     * short-abandon threshold). With {@code after} (left_at, contact, seq of the last row seen) the page
     * starts after it (keyset); else {@code offset} rows are skipped.
     */
    public ContactPage contacts(List<String> queues, List<String> channels, String outcome, List<String> agents,
                                Instant from, Instant to, ContactRow after, int limit, long offset)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            try {
                long total;
                try (PreparedStatement p = c.prepareStatement(ReportSql.CONTACTS_COUNT)) {
                    bindContacts(c, p, queues, channels, outcome, agents, from, to);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                List<ContactRow> rows = new ArrayList<>();
                String sql = String.format(ReportSql.CONTACTS_PAGE, after == null ? "" : ReportSql.CONTACTS_AFTER);
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    int i = bindContacts(c, p, queues, channels, outcome, agents, from, to);
                    if (after != null) {
                        p.setTimestamp(i++, Timestamp.from(after.leftAt()));
                        p.setString(i++, after.contact());
                        p.setInt(i++, after.seq());
                    }
                    p.setInt(i++, limit);
                    p.setLong(i, after == null ? offset : 0);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new ContactRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                                    rs.getTimestamp(9).toInstant(), rs.getLong(10), rs.getString(11),
                                    rs.getString(12)));
                        }
                    }
                }
                return new ContactPage(total, rows);
            } finally {
                c.rollback();
            }
        }
    }

    private int bindContacts(Connection c, PreparedStatement p, List<String> queues, List<String> channels,
                             String outcome, List<String> agents, Instant from, Instant to) throws SQLException {
        List<String> names = new ArrayList<>(settings.queues().keySet());
        List<Long> shortMs = new ArrayList<>();
        for (String q : names) {
            shortMs.add(settings.queue(q).shortAbandonS() * 1000L);
        }
        int i = 1;
        p.setArray(i++, c.createArrayOf("text", names.toArray()));
        p.setArray(i++, c.createArrayOf("int8", shortMs.toArray()));
        p.setLong(i++, settings.defaults().shortAbandonS() * 1000L);
        p.setArray(i++, texts(c, queues));
        p.setArray(i++, texts(c, channels));
        if (outcome == null) {
            p.setNull(i++, Types.VARCHAR);
        } else {
            p.setString(i++, outcome);
        }
        p.setArray(i++, texts(c, agents));
        p.setTimestamp(i++, Timestamp.from(from));
        p.setTimestamp(i++, Timestamp.from(to));
        return i;
    }

    // ------------------------------------------------------------------ helpers

    private static Array instants(Connection c, List<Instant> list) throws SQLException {
        return c.createArrayOf("timestamptz", list.stream().map(Instant::toString).toArray());
    }

    /** A text array, or SQL null for "no filter" (null or empty list). */
    private static Array texts(Connection c, List<String> list) throws SQLException {
        return list == null || list.isEmpty() ? null : c.createArrayOf("text", list.toArray());
    }

    private static Long getLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
