package io.ccpulse.domain.kpi;

/**
 * Targets and scorecards in force (configuration {@code targets:} and {@code scorecards:}).
 *
 * @param targets    KPI targets (with the default card's built-in targets as the last resort)
 * @param scorecards scorecards (with the built-in default customer-service card)
 */
public record Goals(Targets targets, Scorecards scorecards) {

    /** Nothing configured: the built-in default card and its built-in targets. */
    public static final Goals DEFAULT = new Goals(new Targets(java.util.List.of(), Scorecards.BUILT_IN_TARGETS),
            Scorecards.DEFAULT);
}
