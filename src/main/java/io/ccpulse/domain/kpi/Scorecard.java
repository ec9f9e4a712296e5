package io.ccpulse.domain.kpi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A weighted set of KPI targets for agents or teams (METRICS.md "Targets, scorecards,
 * comparisons"): score = Σ weight x {@link Attainment attainment}. Weights are fractions that add
 * up to 1, so a score of 1 means "every target met" and the maximum is 1.2.
 *
 * <p>Missing data: an item whose KPI has no value (missing key or null, e.g. CSAT of an agent
 * without surveys) is left out, and the score is Σ weight x attainment / Σ weight over the items
 * that have a value, so that a missing KPI neither counts as 0 nor as met. {@link Result#coverage()}
 * says which share of the weight had data; with no data at all the score is null.
 *
 * @param items the KPI targets; KPI names are unique
 */
public record Scorecard(List<Item> items) {

    /** The KPI key of the default scorecard's complaint escalation rate (lower is better). */
    public static final String COMPLAINT_ESCALATION_RATE = "complaint_escalation_rate";

    /**
     * One KPI target.
     *
     * @param kpi            the KPI key, as in the KPI maps ({@code csat}, {@code asa_s}, ...)
     * @param weight         share of the score, > 0
     * @param target         target value, >= 0
     * @param higherIsBetter direction
     */
    public record Item(String kpi, double weight, double target, boolean higherIsBetter) {
        public Item {
            Objects.requireNonNull(kpi, "kpi");
            if (!(weight > 0 && weight <= 1)) {
                throw new IllegalArgumentException("weight of " + kpi + " must be in (0, 1], was " + weight);
            }
            if (!(target >= 0) || Double.isInfinite(target)) {
                throw new IllegalArgumentException("target of " + kpi + " must be a finite number >= 0, was " + target);
            }
        }
    }

    /**
     * One item's part of a score.
     *
     * @param actual       the KPI value, null when missing
     * @param attainment   null when the value is missing
     * @param contribution weight x attainment, null when the value is missing
     */
    public record Line(Item item, Double actual, Double attainment, Double contribution) {
    }

    /**
     * @param score    Σ weight x attainment / Σ weight over the items with a value; null when none has one
     * @param coverage Σ weight of the items with a value (1 when every KPI had a value)
     * @param lines    one per item, in the scorecard's order
     */
    public record Result(Double score, double coverage, List<Line> lines) {
        public Result {
            lines = List.copyOf(lines);
        }
    }

    public Scorecard {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a scorecard needs at least one item");
        }
        Set<String> names = new HashSet<>();
        double sum = 0;
        for (Item i : items) {
            if (!names.add(i.kpi())) {
                throw new IllegalArgumentException("KPI " + i.kpi() + " appears twice");
            }
            sum += i.weight();
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("weights must add up to 1, they add up to " + sum);
        }
    }

    /**
     * The default customer-service scorecard: CSAT 40 % (higher better), resolution rate 30 %
     * (higher better), response speed 20 % (lower better: {@code asa_s} for voice,
     * {@code frt_avg_s} for chat, email and messaging), complaint escalation rate 10 % (lower better,
     * key {@link #COMPLAINT_ESCALATION_RATE}).
     *
     * @param responseSpeedKpi the response-speed KPI key, e.g. {@code asa_s} or {@code frt_avg_s}
     */
    public static Scorecard customerService(double csatTarget, double resolutionRateTarget, String responseSpeedKpi,
                                            double responseSpeedTargetS, double complaintEscalationRateTarget) {
        return new Scorecard(List.of(
                new Item("csat", 0.40, csatTarget, true),
                new Item("resolution_rate", 0.30, resolutionRateTarget, true),
                new Item(responseSpeedKpi, 0.20, responseSpeedTargetS, false),
                new Item(COMPLAINT_ESCALATION_RATE, 0.10, complaintEscalationRateTarget, false)));
    }

    /**
     * Scores KPI values, e.g. a {@link QueueKpis#toMap()} or {@link AgentKpis#toMap()} with extra keys
     * added. Values must be {@link Number}s or null.
     */
    public Result score(Map<String, ?> actuals) {
        List<Line> lines = new ArrayList<>(items.size());
        double weighted = 0;
        double coverage = 0;
        for (Item item : items) {
            Object v = actuals.get(item.kpi());
            if (v == null) {
                lines.add(new Line(item, null, null, null));
                continue;
            }
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException("KPI " + item.kpi() + " is not a number: " + v);
            }
            double actual = ((Number) v).doubleValue();
            double attainment = Attainment.of(actual, item.target(), item.higherIsBetter());
            double contribution = item.weight() * attainment;
            lines.add(new Line(item, actual, attainment, contribution));
            weighted += contribution;
            coverage += item.weight();
        }
        boolean complete = lines.stream().allMatch(l -> l.actual() != null);
        Double score = coverage == 0 ? null : complete ? weighted : weighted / coverage;
        return new Result(score, complete ? 1.0 : coverage, lines);
    }
}
