package io.ccpulse.api;

import io.ccpulse.domain.kpi.KpiCatalog;
import io.ccpulse.domain.kpi.Target;
import io.ccpulse.domain.report.Comparison;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What every KPI report gets on top of its numbers: the targets in force with attainment
 * ({@code targets}), and comparisons with other periods ({@code previous}, {@code last_year}, see
 * {@link Comparison}); and the flat CSV form of both (columns {@code <kpi>_target},
 * {@code <kpi>_attainment}, {@code <kind>_<kpi>}, {@code <kind>_<kpi>_change}, the same columns on every
 * row).
 */
final class ReportExtras {

    /** Fields that identify or describe a row: never compared, never targeted. */
    static final Set<String> META = Set.of("row_type", "period_start", "period_end", "queue", "channel", "agent",
            "team", "settings", "targets", "previous", "last_year", "rank", "scorecard", "by", "kpi", "direction",
            "items", "weight");

    /** A report's rows (periods of each series, then totals), before rendering. */
    record Table(List<Map<String, Object>> rows, List<Map<String, Object>> totals, List<String> seriesFields) {
    }

    private ReportExtras() {
    }

    /**
     * Adds {@code targets}: for every KPI of the row with a target in force, {@code {target, direction,
     * attainment}} (attainment null when the KPI has no value).
     */
    static void addTargets(Map<String, Object> row, Function<String, Target> targetOf) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (META.contains(e.getKey()) || KpiCatalog.get(e.getKey()) == null) {
                continue;
            }
            Target t = targetOf.apply(e.getKey());
            if (t == null) {
                continue;
            }
            Object v = e.getValue();
            Double actual = v instanceof Number n ? n.doubleValue() : null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", t.value());
            m.put("direction", t.better().wireName());
            m.put("attainment", actual == null || !Double.isFinite(actual) ? null : t.attainment(actual));
            out.put(e.getKey(), m);
        }
        row.put("targets", out);
    }

    /**
     * Adds to every row of {@code main} the matching row of {@code other} (the same report over the compared
     * range) under {@code kind.wire}: {@code period_start}, {@code period_end}, {@code values} and
     * {@code change} (this minus that) of every numeric field. Rows are matched by series (the values of the
     * series fields), row type and position within the series; a row without a match gets nulls.
     */
    static void compare(Table main, Comparison.Kind kind, Table other) {
        Map<String, List<Map<String, Object>>> index = new HashMap<>();
        for (List<Map<String, Object>> part : List.of(other.rows(), other.totals())) {
            for (Map<String, Object> r : part) {
                index.computeIfAbsent(key(r, main.seriesFields()), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Integer> position = new HashMap<>();
        for (List<Map<String, Object>> part : List.of(main.rows(), main.totals())) {
            for (Map<String, Object> r : part) {
                String k = key(r, main.seriesFields());
                int i = position.merge(k, 1, Integer::sum) - 1;
                List<Map<String, Object>> candidates = index.get(k);
                Map<String, Object> o = candidates != null && i < candidates.size() ? candidates.get(i) : null;
                Map<String, Object> values = new LinkedHashMap<>();
                Map<String, Object> change = new LinkedHashMap<>();
                for (String f : numericFields(r)) {
                    Object ov = o == null ? null : o.get(f);
                    values.put(f, ov);
                    change.put(f, Comparison.change(number(r.get(f)), number(ov)));
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("period_start", o == null ? null : o.get("period_start"));
                c.put("period_end", o == null ? null : o.get("period_end"));
                c.put("values", values);
                c.put("change", change);
                r.put(kind.wire, c);
            }
        }
    }

    /** The numeric fields of a row (numbers, or null values of non-meta fields), in row order. */
    static List<String> numericFields(Map<String, Object> row) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (!META.contains(e.getKey()) && (e.getValue() == null || e.getValue() instanceof Number)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static String key(Map<String, Object> r, List<String> seriesFields) {
        StringBuilder b = new StringBuilder(String.valueOf(r.get("row_type")));
        for (String f : seriesFields) {
            b.append('\u0001').append(r.get(f));
        }
        return b.toString();
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    /**
     * The rows in CSV form: targets and comparisons flattened into columns that every row has (the KPIs
     * with a target in any row; the compared kinds), nested maps other than {@code settings} left to
     * {@link ReportApi.Csv}.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> csv(List<Map<String, Object>> rows) {
        Set<String> targeted = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Map<String, Object> r : rows) {
            if (r.get("targets") instanceof Map<?, ?> t) {
                t.keySet().forEach(k -> targeted.add((String) k));
            }
            for (Comparison.Kind k : Comparison.Kind.values()) {
                if (r.containsKey(k.wire)) {
                    kinds.add(k.wire);
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> flat = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : r.entrySet()) {
                String k = e.getKey();
                if (!k.equals("targets") && !kinds.contains(k)) {
                    flat.put(k, e.getValue());
                }
            }
            Map<String, Object> t = r.get("targets") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            for (String kpi : targeted) {
                Map<String, Object> one = t.get(kpi) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                flat.put(kpi + "_target", one.get("target"));
                flat.put(kpi + "_attainment", one.get("attainment"));
            }
            for (String kind : kinds) {
                Map<String, Object> c = r.get(kind) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                flat.put(kind + "_period_start", c.get("period_start"));
                flat.put(kind + "_period_end", c.get("period_end"));
                Map<String, Object> values = c.get("values") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Map<String, Object> change = c.get("change") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                for (String f : numericFields(r)) {
                    flat.put(kind + "_" + f, values.get(f));
                    flat.put(kind + "_" + f + "_change", change.get(f));
                }
            }
            out.add(flat);
        }
        return out;
    }
}
