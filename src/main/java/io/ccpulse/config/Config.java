package io.ccpulse.config;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.WireEnum;
import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.settings.AbandonMode;
import io.ccpulse.domain.settings.BusinessHours;
import io.ccpulse.domain.settings.FcrScope;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.domain.settings.TicketSla;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The service configuration: an optional YAML file, overridden by environment variables
 * ({@code CCPULSE_*}). Loading validates everything and fails with a message naming the setting.
 * See README "Configuration" for every key.
 */
public record Config(
        Http http,
        Database database,
        Auth auth,
        Ingest ingest,
        Retention retention,
        Reports reports,
        Settings settings,
        Goals goals) {

    public record Http(String host, int port, int maxBodyBytes) { }

    public record Database(String url, String user, String password, int poolSize) { }

    /**
     * @param ingestTokens token name (the source, e.g. "pbx-1") to bearer token
     * @param readTokens   token name to bearer token for the read API and the live page
     * @param readOpen     whether reading endpoints need no token
     */
    public record Auth(Map<String, String> ingestTokens, Map<String, String> readTokens, boolean readOpen) { }

    /**
     * @param maxBatch      events per request (10,000 per EVENTS.md)
     * @param queueCapacity events waiting for the database before new requests get 503
     * @param maxClockSkew  events further than this in the future (by the server clock) are rejected
     * @param writers       database writer threads
     * @param engineInboxCapacity stored events waiting for the live engine at which new requests get 503
     */
    public record Ingest(int maxBatch, int queueCapacity, Duration maxClockSkew, int writers, int engineInboxCapacity) {

        /** {@code ingest.writers} when not set. */
        public static final int DEFAULT_WRITERS = 2;

        public Ingest(int maxBatch, int queueCapacity, Duration maxClockSkew, int writers) {
            this(maxBatch, queueCapacity, maxClockSkew, writers, defaultEngineInboxCapacity(Runtime.getRuntime().maxMemory()));
        }
    }

    /**
     * Default write queue capacity for a heap of {@code maxHeap} bytes: a queued event holds its parsed
     * record and its JSON text (~1-2 KB on the heap), so a full queue takes at most about 1/8 of the heap;
     * between 10,000 and 200,000 events (200,000 from 1.6 GB of heap up).
     */
    public static int defaultQueueCapacity(long maxHeap) {
        return (int) Math.max(10_000, Math.min(200_000, maxHeap / 8 / 1024));
    }

    /**
     * Default live-engine inbox capacity for a heap of {@code maxHeap} bytes: an event waiting for the
     * engine holds its parsed record (~0.5-1 KB), so a full inbox takes at most about 1/16 of the heap;
     * between 5,000 and 50,000 events (a few seconds of the engine's work at most).
     */
    public static int defaultEngineInboxCapacity(long maxHeap) {
        return (int) Math.max(5_000, Math.min(50_000, maxHeap / 16 / 1024));
    }

    /** Retention per data set; zero means keep forever. */
    public record Retention(Duration rawEvents, Duration facts, Duration rollups, Duration interval) { }

    /**
     * @param scorecardDaysEvery how often the day scores of agents and teams are stored in {@code scorecard_days}
     *                           (for Grafana); zero = never
     * @param scorecardBackfill  how far back the first run after start (re)computes them
     */
    public record Reports(Duration scorecardDaysEvery, Duration scorecardBackfill) { }

    /** Environment variables understood, with the setting each overrides. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("CCPULSE_HTTP_HOST", "http.host"),
            Map.entry("CCPULSE_HTTP_PORT", "http.port"),
            Map.entry("CCPULSE_HTTP_MAX_BODY_BYTES", "http.max_body_bytes"),
            Map.entry("CCPULSE_WRITE_QUEUE_CAPACITY", "ingest.queue_capacity"),
            Map.entry("CCPULSE_ENGINE_INBOX_CAPACITY", "ingest.engine_inbox_capacity"),
            Map.entry("CCPULSE_DB_URL", "database.url"),
            Map.entry("CCPULSE_DB_USER", "database.user"),
            Map.entry("CCPULSE_DB_PASSWORD", "database.password"),
            Map.entry("CCPULSE_DB_POOL_SIZE", "database.pool_size"),
            Map.entry("CCPULSE_INGEST_TOKENS", "auth.ingest_tokens"),
            Map.entry("CCPULSE_READ_TOKENS", "auth.read_tokens"),
            Map.entry("CCPULSE_READ_OPEN", "auth.read_open"),
            Map.entry("CCPULSE_ALLOWED_LATENESS", "ingest.allowed_lateness"),
            Map.entry("CCPULSE_SCORECARD_DAYS_EVERY", "reports.scorecard_days_every"),
            Map.entry("CCPULSE_TIME_ZONE", "time_zone"));

    /**
     * Stops a service start without an ingest token (nothing could send events). Checked by the service, not by
     * {@link #load}, so that {@code migrate} and {@code rollups} need only the database settings.
     *
     * @return this configuration
     */
    public Config requireIngestTokens() {
        if (auth().ingestTokens().isEmpty()) {
            throw new ConfigException("auth.ingest_tokens",
                    "at least one ingest token is required (or set CCPULSE_INGEST_TOKENS=name:token)");
        }
        return this;
    }

    /** Loads the file (may be null) and applies the environment. */
    public static Config load(Path file, Map<String, String> env) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new ConfigException("--config", "cannot read file " + file);
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
                if (parsed != null && !(parsed instanceof Map)) {
                    throw new ConfigException(file.toString(), "must be a YAML mapping at the top level");
                }
                if (parsed != null) {
                    root.putAll(castMap(parsed));
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof ConfigException) {
                    throw (ConfigException) e;
                }
                throw new ConfigException(file.toString(), "is not valid YAML: " + e.getMessage());
            }
        }
        for (Map.Entry<String, String> e : ENVIRONMENT.entrySet()) {
            String v = env.get(e.getKey());
            if (v != null && !v.isEmpty()) {
                put(root, e.getValue(), e.getKey().endsWith("_TOKENS") ? parseTokenList(e.getKey(), v) : v);
            }
        }
        return fromTree(new ConfigNode("", root));
    }

    /** "name:token,name2:token2" (or just "token", named after its position). */
    private static Map<String, Object> parseTokenList(String variable, String v) {
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 1;
        for (String part : v.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            String name = colon > 0 ? p.substring(0, colon) : "token-" + i;
            String token = colon > 0 ? p.substring(colon + 1) : p;
            if (token.isBlank()) {
                throw new ConfigException(variable, "token '" + name + "' is empty");
            }
            out.put(name, token);
            i++;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static void put(Map<String, Object> root, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> m = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = m.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                m.put(parts[i], child);
            } else {
                child = new LinkedHashMap<>(castMap(child));
                m.put(parts[i], child);
            }
            m = castMap(child);
        }
        m.put(parts[parts.length - 1], value);
    }

    private static Config fromTree(ConfigNode root) {
        ConfigNode h = root.child("http");
        Http http = new Http(h.string("host", "0.0.0.0"), h.integer("port", 8080, 0, 65535),
                h.integer("max_body_bytes", 32 * 1024 * 1024, 1024, 512 * 1024 * 1024));
        h.rejectUnknown();

        ConfigNode d = root.child("database");
        String url = d.string("url", "jdbc:postgresql://127.0.0.1:55432/ccpulse");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(d.path("url"), "must be a jdbc:postgresql: URL, got '" + url + "'");
        }
        Database db = new Database(url, d.requiredString("user"), d.string("password", ""),
                d.integer("pool_size", 6, 2, 200));
        d.rejectUnknown();

        ConfigNode a = root.child("auth");
        Auth auth = new Auth(a.stringMap("ingest_tokens"), a.stringMap("read_tokens"), a.bool("read_open", true));
        a.rejectUnknown();
        if (!auth.readOpen() && auth.readTokens().isEmpty()) {
            throw new ConfigException("auth.read_tokens", "required when auth.read_open is false");
        }

        ConfigNode i = root.child("ingest");
        Duration lateness = i.duration("allowed_lateness", Duration.ofMinutes(5));
        long maxHeap = Runtime.getRuntime().maxMemory();
        Ingest ingest = new Ingest(i.integer("max_batch", 10_000, 1, 100_000),
                i.integer("queue_capacity", defaultQueueCapacity(maxHeap), 1_000, 10_000_000),
                i.duration("max_clock_skew", Duration.ofHours(1)),
                i.integer("writers", Ingest.DEFAULT_WRITERS, 1, 16),
                i.integer("engine_inbox_capacity", defaultEngineInboxCapacity(maxHeap), 100, 10_000_000));
        i.rejectUnknown();

        ConfigNode r = root.child("retention");
        Retention retention = new Retention(r.duration("raw_events", Duration.ZERO), r.duration("facts", Duration.ZERO),
                r.duration("rollups", Duration.ZERO), r.duration("check_every", Duration.ofHours(1)));
        r.rejectUnknown();

        ConfigNode rp = root.child("reports");
        Reports reports = new Reports(rp.duration("scorecard_days_every", Duration.ofMinutes(15)),
                rp.duration("scorecard_days_backfill", Duration.ofDays(7)));
        rp.rejectUnknown();

        ZoneId zone = root.zone("time_zone", ZoneId.of("UTC"));
        double hourlyCost = root.decimal("hourly_cost", 0, 0, 1e6);

        ConfigNode q = root.child("queues");
        QueueSettings defaults = queueSettings(q.child("defaults"), QueueSettings.DEFAULTS, zone);
        Map<String, QueueSettings> perQueue = new LinkedHashMap<>();
        for (String name : q.keys()) {
            if (!name.equals("defaults")) {
                perQueue.put(name, queueSettings(q.child(name), defaults, zone));
            }
        }
        q.rejectUnknown();
        Goals goals = GoalsConfig.parse(root.rawValue("targets"), root.rawValue("scorecards"));
        root.rejectUnknown();
        return new Config(http, db, auth, ingest, retention, reports,
                new Settings(lateness, zone, defaults, perQueue, hourlyCost), goals);
    }

    private static QueueSettings queueSettings(ConfigNode n, QueueSettings base, ZoneId zone) {
        Map<Channel, Integer> thresholds = new EnumMap<>(Channel.class);
        thresholds.putAll(base.slThresholdS());
        ConfigNode t = n.child("sl_threshold_s");
        for (String ch : t.keys()) {
            Channel c = WireEnum.parse(Channel.class, ch);
            if (c == null) {
                throw new ConfigException(t.path(ch), "unknown channel; one of " + WireEnum.allowed(Channel.class));
            }
            thresholds.put(c, t.integer(ch, 0, 1, 30 * 86_400));
        }
        AbandonMode mode = enumSetting(n, "sl_abandon_mode", AbandonMode.class, base.abandonMode());
        FcrScope scope = enumSetting(n, "fcr_scope", FcrScope.class, base.fcrScope());
        QueueSettings s = new QueueSettings(thresholds,
                n.decimal("sl_target", base.slTarget(), 0, 1),
                mode,
                n.integer("short_abandon_s", base.shortAbandonS(), 0, 3600),
                n.integer("acw_cap_s", base.acwCapS(), 1, 86_400),
                n.duration("fcr_window", base.fcrWindow()),
                scope,
                n.integer("csat_positive_min", base.csatPositiveMin(), 1, 5),
                n.integer("frt_target_s", base.frtTargetS(), 1, 30 * 86_400),
                ticketSla(n, base.ticketSla()).withHours(businessHours(n, base.ticketSla().hours(), zone)));
        n.rejectUnknown();
        return s;
    }

    /**
     * {@code ticket_sla}: {@code default} and per-priority entries {@code {first_response, resolution}}
     * (durations, or {@code none} for no due time), on top of the base policy (the defaults' for a queue,
     * the built-in 4 h / 3 d for the defaults). A field an entry leaves out comes from the base policy's
     * entry for the same priority, else from this policy's {@code default}.
     */
    private static TicketSla ticketSla(ConfigNode n, TicketSla base) {
        String path = n.path("ticket_sla");
        Object raw = n.rawValue("ticket_sla");
        if (raw == null) {
            return base;
        }
        if (!(raw instanceof Map)) {
            throw new ConfigException(path, "must be a mapping of priorities (and default) to"
                    + " {first_response: 4h, resolution: 3d}");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
            String key = String.valueOf(e.getKey());
            String p = key.equals("default") ? key : TicketSla.normalize(key);
            if (p.isEmpty()) {
                throw new ConfigException(path, "a priority must not be empty");
            }
            if (entries.put(p, e.getValue()) != null) {
                throw new ConfigException(path + "." + key, "priority '" + p + "' appears twice (priorities are"
                        + " compared in lower case)");
            }
        }
        TicketSla.Due fallback = base.fallback();
        if (entries.containsKey("default")) {
            fallback = due(path + ".default", entries.get("default"), base.fallback());
        }
        Map<String, TicketSla.Due> byPriority = new LinkedHashMap<>(base.byPriority());
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (!e.getKey().equals("default")) {
                TicketSla.Due b = base.byPriority().get(e.getKey());
                byPriority.put(e.getKey(), due(path + "." + e.getKey(), e.getValue(), b != null ? b : fallback));
            }
        }
        return new TicketSla(fallback, byPriority);
    }

    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);
    private static final java.util.regex.Pattern SPAN = java.util.regex.Pattern.compile(
            "^\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*$");

    /**
     * {@code business_hours}: {@code mon..sun} each a span {@code "08:00-18:00"} or a list of spans (a day left
     * out is closed), {@code holidays} (dates, closed all day), {@code time_zone} (default: the service's);
     * {@code none} switches inherited business hours off. Absent: the base's (the defaults' for a queue).
     */
    private static BusinessHours businessHours(ConfigNode n, BusinessHours base, ZoneId serviceZone) {
        String path = n.path("business_hours");
        Object raw = n.rawValue("business_hours");
        if (raw == null) {
            return base;
        }
        if (raw instanceof String str && str.trim().equalsIgnoreCase("none")) {
            return null;
        }
        if (!(raw instanceof Map)) {
            throw new ConfigException(path, "must be a mapping like {mon: 08:00-18:00, ..., holidays: [2026-12-25]}"
                    + " or none");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        ((Map<?, ?>) raw).forEach((k, x) -> m.put(String.valueOf(k), x));
        ConfigNode b = new ConfigNode(path, m);
        ZoneId zone = b.zone("time_zone", serviceZone);
        Map<DayOfWeek, List<BusinessHours.Span>> week = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, DayOfWeek> d : DAYS.entrySet()) {
            Object v = b.rawValue(d.getKey());
            if (v == null) {
                continue;
            }
            List<Object> items = v instanceof List<?> l ? new java.util.ArrayList<>(l) : List.of(v);
            List<BusinessHours.Span> spans = new java.util.ArrayList<>();
            for (Object item : items) {
                java.util.regex.Matcher x = SPAN.matcher(String.valueOf(item));
                int from = x.matches() ? minutes(x.group(1), x.group(2)) : -1;
                int to = x.matches() ? minutes(x.group(3), x.group(4)) : -1;
                if (from < 0 || to < 0 || from >= to) {
                    throw new ConfigException(b.path(d.getKey()), "'" + item + "' is not an open span like 08:00-18:00"
                            + " (from 00:00 to 24:00, ending after it starts; quote it in YAML)");
                }
                spans.add(new BusinessHours.Span(from, to));
            }
            week.put(d.getValue(), spans);
        }
        java.util.Set<LocalDate> holidays = new java.util.TreeSet<>();
        Object hs = b.rawValue("holidays");
        if (hs != null) {
            if (!(hs instanceof List<?> list)) {
                throw new ConfigException(b.path("holidays"), "must be a list of dates like [2026-12-25, 2027-01-01]");
            }
            for (Object h : list) {
                try {
                    holidays.add(h instanceof java.util.Date date ? LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC)
                            : LocalDate.parse(String.valueOf(h).trim()));
                } catch (DateTimeException e) {
                    throw new ConfigException(b.path("holidays"), "'" + h + "' is not a date like 2026-12-25");
                }
            }
        }
        b.rejectUnknown();
        try {
            return new BusinessHours(zone, week, holidays);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    private static int minutes(String h, String m) {
        int hh = Integer.parseInt(h);
        int mm = Integer.parseInt(m);
        return hh > 24 || mm > 59 || (hh == 24 && mm > 0) ? -1 : hh * 60 + mm;
    }

    private static TicketSla.Due due(String path, Object v, TicketSla.Due base) {
        if (!(v instanceof Map)) {
            throw new ConfigException(path, "must be a mapping like {first_response: 4h, resolution: 3d}"
                    + " (a duration, or none for no due time)");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, x) -> m.put(String.valueOf(k), x));
        ConfigNode d = new ConfigNode(path, m);
        Duration firstResponse = dueDuration(d, "first_response", base.firstResponse());
        Duration resolution = dueDuration(d, "resolution", base.resolution());
        d.rejectUnknown();
        return new TicketSla.Due(firstResponse, resolution);
    }

    private static Duration dueDuration(ConfigNode d, String key, Duration def) {
        String v = d.string(key, null);
        if (v == null) {
            return def;
        }
        if (v.trim().equalsIgnoreCase("none")) {
            return null;
        }
        Duration x = ConfigNode.parseDuration(d.path(key), v);
        if (x.isZero() || x.isNegative()) {
            throw new ConfigException(d.path(key), "must be more than 0 (or none for no due time), got '" + v + "'");
        }
        return x;
    }

    private static <E extends Enum<E> & WireEnum> E enumSetting(ConfigNode n, String key, Class<E> type, E def) {
        String v = n.string(key, null);
        if (v == null) {
            return def;
        }
        E e = WireEnum.parse(type, v.trim());
        if (e == null) {
            throw new ConfigException(n.path(key), "'" + v + "' is not one of " + WireEnum.allowed(type));
        }
        return e;
    }

    /** The names of the configured ingest tokens, never the tokens. */
    public List<String> ingestSourceNames() {
        return List.copyOf(auth.ingestTokens().keySet());
    }
}
