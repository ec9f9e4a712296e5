package io.ccpulse.domain.kpi;

import io.ccpulse.domain.kpi.KpiCatalog.Better;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A configured scorecard (METRICS.md "Targets, scorecards"): weighted KPI items for the agents and
 * teams it applies to. An item's target is its own, or else the target in force for the scored agent or
 * team ({@link Targets}). Score = Σ weight x attainment over the items with an actual value and a target,
 * divided by the weight of those items (so a missing KPI neither counts as 0 nor as met; see
 * {@link Scorecard}); {@code coverage} says which share of the weight had both.
 *
 * @param name  unique name
 * @param teams the teams (and their agents) it applies to; empty for the default card
 * @param items the KPI items; weights add up to 1
 */
public record ScorecardSpec(String name, Set<String> teams, List<Item> items) {

    /**
     * @param kpi    KPI key
     * @param weight share of the score, (0, 1]
     * @param target the item's own target, null: the target in force for the scored agent or team
     * @param better direction
     */
    public record Item(String kpi, double weight, Double target, Better better) {
        public Item {
            Objects.requireNonNull(kpi, "kpi");
            Objects.requireNonNull(better, "better");
            if (!(weight > 0 && weight <= 1)) {
                throw new IllegalArgumentException("weight of " + kpi + " must be in (0, 1], was " + weight);
            }
            if (target != null && (!(target >= 0) || target.isInfinite())) {
                throw new IllegalArgumentException("target of " + kpi + " must be a finite number >= 0, was " + target);
            }
        }
    }

    /** One item's part of a score; actual, target, attainment and contribution null when missing. */
    public record Line(String kpi, double weight, Better better, Double target, Double actual, Double attainment,
                       Double contribution) {
    }

    /**
     * @param scorecard the card's name
     * @param score     null when no item had both an actual value and a target
     * @param coverage  Σ weight of the items that had both
     * @param lines     one per item, in the card's order
     */
    public record Result(String scorecard, Double score, double coverage, List<Line> lines) {
        public Result {
            lines = List.copyOf(lines);
        }
    }

    public ScorecardSpec {
        Objects.requireNonNull(name, "name");
        teams = Set.copyOf(teams);
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("scorecard " + name + " needs at least one item");
        }
        Set<String> kpis = new HashSet<>();
        double sum = 0;
        for (Item i : items) {
            if (!kpis.add(i.kpi())) {
                throw new IllegalArgumentException("scorecard " + name + ": KPI " + i.kpi() + " appears twice");
            }
            sum += i.weight();
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("scorecard " + name + ": weights must add up to 1 (or 100 %), they add"
                    + " up to " + sum);
        }
    }

    /**
     * Scores KPI values.
     *
     * @param actuals  KPI key to value ({@link Number} or null)
     * @param targetOf the target in force for a KPI key (of the scored agent or team, on the scored day), or null
     */
    public Result score(Map<String, ?> actuals, Function<String, Target> targetOf) {
        List<Line> lines = new ArrayList<>(items.size());
        double weighted = 0;
        double coverage = 0;
        for (Item i : items) {
            Double target = i.target();
            Better better = i.better();
            if (target == null) {
                Target t = targetOf.apply(i.kpi());
                if (t != null) {
                    target = t.value();
                    better = t.better();
                }
            }
            Object v = actuals.get(i.kpi());
            if (v != null && !(v instanceof Number)) {
                throw new IllegalArgumentException("KPI " + i.kpi() + " is not a number: " + v);
            }
            Double actual = v == null ? null : ((Number) v).doubleValue();
            if (actual == null || target == null || !Double.isFinite(actual)) {
                lines.add(new Line(i.kpi(), i.weight(), better, target, actual, null, null));
                continue;
            }
            double a = Attainment.of(actual, target, better.higher());
            lines.add(new Line(i.kpi(), i.weight(), better, target, actual, a, i.weight() * a));
            weighted += i.weight() * a;
            coverage += i.weight();
        }
        boolean complete = Math.abs(coverage - 1) < 1e-9;
        Double score = coverage == 0 ? null : complete ? weighted : weighted / coverage;
        return new Result(name, score, complete ? 1.0 : coverage, lines);
    }
}
