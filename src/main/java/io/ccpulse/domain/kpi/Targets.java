package io.ccpulse.domain.kpi;

import io.ccpulse.domain.kpi.KpiCatalog.Scope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * All configured targets, plus built-in defaults of lowest precedence. The target in force for a
 * KPI, an entity and a day is the most specific one valid that day:
 * <ul>
 *   <li>an agent: the agent's own, else the agent's team's, else the default;</li>
 *   <li>a team: the team's, else the default;</li>
 *   <li>a queue: the queue's, else the default.</li>
 * </ul>
 * where "the default" is a configured target without queue, team or agent, else (agents and teams only) the
 * built-in one of the default scorecard.
 * Two targets for the same KPI and entity may not be valid on the same day (checked when loading).
 */
public final class Targets {

    /** No targets at all (not even built-in ones). */
    public static final Targets NONE = new Targets(List.of(), List.of());

    private final List<Target> targets;
    private final List<Target> builtIn;

    /**
     * @param targets configured targets
     * @param builtIn defaults used when no configured target applies (e.g. the default scorecard's)
     */
    public Targets(List<Target> targets, List<Target> builtIn) {
        this.targets = List.copyOf(targets);
        this.builtIn = List.copyOf(builtIn);
        for (int i = 0; i < this.targets.size(); i++) {
            for (int j = i + 1; j < this.targets.size(); j++) {
                Target a = this.targets.get(i);
                Target b = this.targets.get(j);
                if (a.kpi().equals(b.kpi()) && a.scope() == b.scope() && java.util.Objects.equals(a.name(), b.name())
                        && a.overlaps(b)) {
                    throw new IllegalArgumentException(b.origin() + ": a second target for " + a.kpi()
                            + (a.scope() == null ? "" : " of " + a.scope().wireName() + " " + a.name())
                            + " valid on the same days as " + a.origin());
                }
            }
        }
    }

    public List<Target> configured() {
        return targets;
    }

    /**
     * The target of a queue's KPI on a day, or null: the queue's, else a configured one for everything (the
     * built-in targets are the default scorecard's, for agents and teams only).
     */
    public Target forQueue(String kpi, String queue, LocalDate day) {
        Target t = find(kpi, Scope.QUEUE, queue, day);
        return t != null ? t : find(kpi, null, null, day);
    }

    /** The target of a team's KPI on a day, or null. */
    public Target forTeam(String kpi, String team, LocalDate day) {
        Target t = team == null ? null : find(kpi, Scope.TEAM, team, day);
        return t != null ? t : fallback(kpi, day);
    }

    /** The target of an agent's KPI on a day (the agent's own, the team's, the default), or null. */
    public Target forAgent(String kpi, String agent, String team, LocalDate day) {
        Target t = find(kpi, Scope.AGENT, agent, day);
        return t != null ? t : forTeam(kpi, team, day);
    }

    /** The target for {@code scope} and {@code name} (agent: {@code team} is the agent's team). */
    public Target forScope(String kpi, Scope scope, String name, String team, LocalDate day) {
        switch (scope) {
            case QUEUE: return forQueue(kpi, name, day);
            case TEAM: return forTeam(kpi, name, day);
            default: return forAgent(kpi, name, team, day);
        }
    }

    private Target fallback(String kpi, LocalDate day) {
        Target t = find(kpi, null, null, day);
        if (t != null) {
            return t;
        }
        for (Target b : builtIn) {
            if (b.kpi().equals(kpi) && b.validOn(day)) {
                return b;
            }
        }
        return null;
    }

    private Target find(String kpi, Scope scope, String name, LocalDate day) {
        for (Target t : targets) {
            if (t.kpi().equals(kpi) && t.scope() == scope && java.util.Objects.equals(t.name(), name)
                    && t.validOn(day)) {
                return t;
            }
        }
        return null;
    }

    /** The configured targets that name this KPI (for listings). */
    public List<Target> of(String kpi) {
        List<Target> out = new ArrayList<>();
        for (Target t : targets) {
            if (t.kpi().equals(kpi)) {
                out.add(t);
            }
        }
        return out;
    }
}
