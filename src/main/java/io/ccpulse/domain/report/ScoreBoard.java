package io.ccpulse.domain.report;

import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.kpi.ScorecardSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Scorecards of the agents of a team (and of the team itself) for one period: each agent scored with the
 * card of its team on the period's KPI values and the targets in force on the period's first day, then
 * ranked within the team by score (highest first; equal scores share a rank, the next rank skips: 1, 2,
 * 2, 4; agents without a score come last, unranked).
 */
public final class ScoreBoard {

    /** The KPI values of one agent (or of the team, agent null) in the period. */
    public record Entry(String agent, String team, Map<String, ?> inputs) {
    }

    /**
     * @param agent  null for the team's own row
     * @param rank   rank within the team (1 = best); null for the team row and for agents without a score
     */
    public record Row(String agent, String team, ScorecardSpec.Result result, Integer rank) {
    }

    private ScoreBoard() {
    }

    /** Scores and ranks; agent rows of each team in rank order (then by agent), the team row first. */
    public static List<Row> of(List<Entry> entries, Goals goals, LocalDate day) {
        Map<String, List<Row>> byTeam = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Entry e : entries) {
            ScorecardSpec card = goals.scorecards().forTeam(e.team());
            ScorecardSpec.Result r = card.score(e.inputs(), k -> e.agent() == null
                    ? goals.targets().forTeam(k, e.team(), day)
                    : goals.targets().forAgent(k, e.agent(), e.team(), day));
            byTeam.computeIfAbsent(e.team(), t -> new ArrayList<>()).add(new Row(e.agent(), e.team(), r, null));
        }
        List<Row> out = new ArrayList<>();
        for (List<Row> rows : byTeam.values()) {
            Row team = null;
            List<Row> agents = new ArrayList<>();
            for (Row r : rows) {
                if (r.agent() == null) {
                    team = r;
                } else {
                    agents.add(r);
                }
            }
            agents.sort(Comparator.comparing((Row r) -> r.result().score(), Comparator.nullsLast(
                    Comparator.<Double>reverseOrder())).thenComparing(Row::agent));
            if (team != null) {
                out.add(team);
            }
            int rank = 0;
            Double last = null;
            for (int i = 0; i < agents.size(); i++) {
                Row r = agents.get(i);
                Double s = r.result().score();
                if (s == null) {
                    out.add(r);
                    continue;
                }
                if (!Objects.equals(s, last)) {
                    rank = i + 1;
                    last = s;
                }
                out.add(new Row(r.agent(), r.team(), r.result(), rank));
            }
        }
        return out;
    }
}
