package io.ccpulse.domain.kpi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The KPIs a target or a scorecard item can name (keys of the KPI objects of the live and reporting
 * APIs), with the direction in which they are better and where they exist: per queue, per agent, per
 * team. Counts (offered, handled, ...) can have targets too (higher is better).
 */
public final class KpiCatalog {

    /** What a KPI (target) belongs to. */
    public enum Scope {
        QUEUE, TEAM, AGENT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Which way is better. */
    public enum Better {
        HIGHER, LOWER;

        public boolean higher() {
            return this == HIGHER;
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** "higher" / "lower", or null. */
        public static Better parse(String s) {
            if (s == null) {
                return null;
            }
            switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "higher": return HIGHER;
                case "lower": return LOWER;
                default: return null;
            }
        }
    }

    /** One KPI: its key, the better direction and the scopes it exists in. */
    public record Kpi(String key, Better better, Set<Scope> scopes) {
    }

    private static final Set<Scope> Q = EnumSet.of(Scope.QUEUE);
    private static final Set<Scope> AT = EnumSet.of(Scope.AGENT, Scope.TEAM);
    private static final Set<Scope> ALL = EnumSet.allOf(Scope.class);

    private static final Map<String, Kpi> KPIS;

    static {
        Map<String, Kpi> m = new LinkedHashMap<>();
        Better h = Better.HIGHER;
        Better l = Better.LOWER;
        // queue (QueueKpis)
        for (String k : new String[] {"offered", "answered", "answered_in_threshold", "service_level",
            "frt_within_target", "survey_response_rate", "nps"}) {
            put(m, k, h, Q);
        }
        for (String k : new String[] {"abandoned", "short_abandoned", "flowed_out", "blocked", "abandon_rate",
            "blocked_rate", "avg_wait_s", "max_wait_s", "p50_wait_s", "p90_wait_s", "frt_p90_s"}) {
            put(m, k, l, Q);
        }
        put(m, "avg_time_to_abandon_s", h, Q);
        // queue, agent and team
        put(m, "handled", h, ALL);
        for (String k : new String[] {"aht_s", "avg_talk_s", "avg_hold_s", "avg_acw_s", "transfer_rate", "asa_s",
            "frt_avg_s"}) {
            put(m, k, l, ALL);
        }
        for (String k : new String[] {"resolution_rate", "csat", "csat_mean", "fcr"}) {
            put(m, k, h, ALL);
        }
        // agent and team (AgentKpis and the scorecard extras)
        for (String k : new String[] {"occupancy", "utilization", "handled_per_hour", "outbound_rate",
            "staffed_s"}) {
            put(m, k, h, AT);
        }
        for (String k : new String[] {"cost_per_contact", "away_s", "response_speed_s"}) {
            put(m, k, l, AT);
        }
        // tickets (queue, and agents / teams by the ticket's agent)
        put(m, "created", h, ALL);
        put(m, "resolved", h, ALL);
        for (String k : new String[] {"first_response_avg_s", "resolution_avg_s", "response_breach_rate",
            "resolution_breach_rate", "escalation_rate", "reopen_rate", "complaint_rate",
            Scorecard.COMPLAINT_ESCALATION_RATE}) {
            put(m, k, l, ALL);
        }
        put(m, "overdue_response", l, Q);
        put(m, "overdue_resolution", l, Q);
        KPIS = Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Kpi> m, String key, Better b, Set<Scope> scopes) {
        m.put(key, new Kpi(key, b, Collections.unmodifiableSet(EnumSet.copyOf(scopes))));
    }

    private KpiCatalog() {
    }

    /** The KPI, or null when unknown. */
    public static Kpi get(String key) {
        return KPIS.get(key);
    }

    /** Every KPI, in catalog order. */
    public static Map<String, Kpi> all() {
        return KPIS;
    }
}
