package io.ccpulse.config;

import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.kpi.KpiCatalog;
import io.ccpulse.domain.kpi.KpiCatalog.Better;
import io.ccpulse.domain.kpi.KpiCatalog.Scope;
import io.ccpulse.domain.kpi.ScorecardSpec;
import io.ccpulse.domain.kpi.Scorecards;
import io.ccpulse.domain.kpi.Target;
import io.ccpulse.domain.kpi.Targets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code targets:} and {@code scorecards:} sections of the configuration file (docs/TICKETS_AND_SCORECARDS.md):
 *
 * <pre>
 * targets:
 *   - {kpi: service_level, target: 0.8, queue: billing, from: 2026-01-01, to: 2026-06-30}
 *   - {kpi: aht_s, target: 300, team: billing-1}
 *   - {kpi: csat, target: 0.9}                       # everybody else
 * scorecards:
 *   customer_service:                                # replaces the built-in default card
 *     items:
 *       - {kpi: csat, weight: 40}
 *       - {kpi: resolution_rate, weight: 30}
 *       - {kpi: response_speed_s, weight: 20, target: 20}
 *       - {kpi: complaint_escalation_rate, weight: 10}
 *   billing:
 *     teams: [billing-1]
 *     items: [...]
 * </pre>
 *
 * Every problem is reported with the entry's path ({@code targets[2].kpi}, {@code scorecards.billing.items[1]}).
 */
final class GoalsConfig {

    private GoalsConfig() {
    }

    static Goals parse(Object targets, Object scorecards) {
        List<Target> list = targets(targets);
        Targets t;
        try {
            t = new Targets(list, Scorecards.BUILT_IN_TARGETS);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("targets", e.getMessage());
        }
        return new Goals(t, scorecards(scorecards));
    }

    // ------------------------------------------------------------------ targets

    private static List<Target> targets(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List)) {
            throw new ConfigException("targets", "must be a list of {kpi, target, queue|team|agent, direction, from, to}");
        }
        List<Target> out = new ArrayList<>();
        int i = 0;
        for (Object o : (List<?>) raw) {
            String path = "targets[" + i++ + "]";
            Map<String, Object> m = map(path, o, "must be a mapping {kpi, target, queue|team|agent, direction, from, to}");
            ConfigNode n = new ConfigNode(path, m);
            String kpiKey = n.requiredString("kpi");
            KpiCatalog.Kpi kpi = kpi(n.path("kpi"), kpiKey);
            double value = n.decimal("target", Double.NaN, 0, 1e12);
            if (Double.isNaN(value)) {
                throw new ConfigException(n.path("target"), "is required");
            }
            Scope scope = null;
            String name = null;
            for (Scope s : Scope.values()) {
                String v = n.string(s.wireName(), null);
                if (v != null) {
                    if (scope != null) {
                        throw new ConfigException(path, "give one of queue, team or agent, not " + scope.wireName()
                                + " and " + s.wireName());
                    }
                    scope = s;
                    name = v;
                }
            }
            if (scope != null && !kpi.scopes().contains(scope)) {
                throw new ConfigException(n.path(scope.wireName()), kpiKey + " is not a " + scope.wireName()
                        + " KPI (it exists for: " + scopes(kpi) + ")");
            }
            Better better = direction(n, kpi);
            LocalDate from = date(n, "from");
            LocalDate to = date(n, "to");
            if (from != null && to != null && to.isBefore(from)) {
                throw new ConfigException(n.path("to"), to + " is before from " + from);
            }
            n.rejectUnknown();
            out.add(new Target(kpiKey, value, better, scope, name, from, to, path));
        }
        return out;
    }

    // ------------------------------------------------------------------ scorecards

    private static Scorecards scorecards(Object raw) {
        if (raw == null) {
            return Scorecards.DEFAULT;
        }
        Map<String, Object> cards = map("scorecards", raw, "must be a mapping of scorecard names to {teams, items}");
        List<ScorecardSpec> out = new ArrayList<>();
        Map<String, String> teamOf = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : cards.entrySet()) {
            String path = "scorecards." + e.getKey();
            ConfigNode n = new ConfigNode(path, map(path, e.getValue(), "must be a mapping {teams, items}"));
            Set<String> teams = new LinkedHashSet<>(n.stringList("teams"));
            if (e.getKey().equals(Scorecards.CUSTOMER_SERVICE) && !teams.isEmpty()) {
                throw new ConfigException(n.path("teams"), "the default card applies to every team without a card"
                        + " of its own; list teams on other cards");
            }
            for (String t : teams) {
                String other = teamOf.put(t, e.getKey());
                if (other != null) {
                    throw new ConfigException(n.path("teams"), "team " + t + " is already on scorecard " + other);
                }
            }
            Object itemsRaw = n.rawValue("items");
            if (!(itemsRaw instanceof List) || ((List<?>) itemsRaw).isEmpty()) {
                throw new ConfigException(n.path("items"), "must be a non-empty list of {kpi, weight, target, direction}");
            }
            List<Object[]> items = new ArrayList<>();
            double sum = 0;
            int i = 0;
            Set<String> seen = new LinkedHashSet<>();
            for (Object o : (List<?>) itemsRaw) {
                String ipath = n.path("items") + "[" + i++ + "]";
                ConfigNode in = new ConfigNode(ipath, map(ipath, o, "must be a mapping {kpi, weight, target, direction}"));
                String kpiKey = in.requiredString("kpi");
                KpiCatalog.Kpi kpi = kpi(in.path("kpi"), kpiKey);
                if (!kpi.scopes().contains(Scope.AGENT) && !kpi.scopes().contains(Scope.TEAM)) {
                    throw new ConfigException(in.path("kpi"), kpiKey + " is a queue KPI; scorecards score agents and"
                            + " teams");
                }
                if (!seen.add(kpiKey)) {
                    throw new ConfigException(in.path("kpi"), kpiKey + " appears twice on the card");
                }
                double w = in.decimal("weight", Double.NaN, 0, 100);
                if (Double.isNaN(w)) {
                    throw new ConfigException(in.path("weight"), "is required");
                }
                if (w <= 0) {
                    throw new ConfigException(in.path("weight"), "must be more than 0");
                }
                double target = in.decimal("target", Double.NaN, 0, 1e12);
                Better better = direction(in, kpi);
                in.rejectUnknown();
                sum += w;
                items.add(new Object[] {kpiKey, w, Double.isNaN(target) ? null : target, better});
            }
            double scale;
            if (Math.abs(sum - 1) < 1e-9) {
                scale = 1;
            } else if (Math.abs(sum - 100) < 1e-7) {
                scale = 100;
            } else {
                throw new ConfigException(n.path("items"), "weights add up to " + round(sum)
                        + "; they must add up to 1 (or 100, in percent)");
            }
            n.rejectUnknown();
            List<ScorecardSpec.Item> specItems = new ArrayList<>();
            for (Object[] it : items) {
                specItems.add(new ScorecardSpec.Item((String) it[0], (Double) it[1] / scale, (Double) it[2],
                        (Better) it[3]));
            }
            try {
                out.add(new ScorecardSpec(e.getKey(), teams, specItems));
            } catch (IllegalArgumentException x) {
                throw new ConfigException(path, x.getMessage());
            }
        }
        return new Scorecards(out);
    }

    // ------------------------------------------------------------------ helpers

    private static KpiCatalog.Kpi kpi(String path, String key) {
        KpiCatalog.Kpi k = KpiCatalog.get(key);
        if (k == null) {
            throw new ConfigException(path, "unknown KPI '" + key + "'; one of " + String.join(", ",
                    KpiCatalog.all().keySet()));
        }
        return k;
    }

    private static String scopes(KpiCatalog.Kpi k) {
        List<String> s = new ArrayList<>();
        k.scopes().forEach(x -> s.add(x.wireName()));
        return String.join(", ", s);
    }

    private static Better direction(ConfigNode n, KpiCatalog.Kpi kpi) {
        String d = n.string("direction", null);
        if (d == null) {
            return kpi.better();
        }
        Better b = Better.parse(d);
        if (b == null) {
            throw new ConfigException(n.path("direction"), "'" + d + "' is not higher or lower");
        }
        return b;
    }

    private static LocalDate date(ConfigNode n, String key) {
        Object v = n.rawValue(key);
        if (v == null) {
            return null;
        }
        if (v instanceof java.util.Date d) {
            // YAML reads 2026-01-01 as a timestamp at midnight UTC
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(v.toString().trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(n.path(key), "'" + v + "' is not a date (YYYY-MM-DD)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String path, Object o, String expected) {
        if (!(o instanceof Map)) {
            throw new ConfigException(path, expected);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        ((Map<Object, Object>) o).forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private static String round(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
