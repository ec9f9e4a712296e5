package io.ccpulse.domain.kpi;

import io.ccpulse.domain.kpi.KpiCatalog.Better;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scorecards in force: the configured ones and the built-in default customer-service card of
 * METRICS.md (CSAT 40 %, resolution rate 30 %, response speed 20 %, complaint escalation rate 10 %),
 * which a configured card named {@value #CUSTOMER_SERVICE} replaces. An agent or team is scored with
 * the card that lists its team, else with the default card.
 */
public final class Scorecards {

    /** Name of the default card. */
    public static final String CUSTOMER_SERVICE = "customer_service";

    /**
     * Built-in targets of the default card's KPIs (lowest precedence: any configured target wins):
     * CSAT 0.85, resolution rate 0.80, response speed 30 s, complaint escalation rate 0.02.
     */
    public static final List<Target> BUILT_IN_TARGETS = List.of(
            new Target("csat", 0.85, Better.HIGHER, null, null, null, null, "built-in"),
            new Target("resolution_rate", 0.80, Better.HIGHER, null, null, null, null, "built-in"),
            new Target("response_speed_s", 30, Better.LOWER, null, null, null, null, "built-in"),
            new Target(Scorecard.COMPLAINT_ESCALATION_RATE, 0.02, Better.LOWER, null, null, null, null, "built-in"));

    /** The built-in default card; its targets come from {@link Targets} (built-in ones as a fallback). */
    public static final ScorecardSpec BUILT_IN = new ScorecardSpec(CUSTOMER_SERVICE, Set.of(), List.of(
            new ScorecardSpec.Item("csat", 0.40, null, Better.HIGHER),
            new ScorecardSpec.Item("resolution_rate", 0.30, null, Better.HIGHER),
            new ScorecardSpec.Item("response_speed_s", 0.20, null, Better.LOWER),
            new ScorecardSpec.Item(Scorecard.COMPLAINT_ESCALATION_RATE, 0.10, null, Better.LOWER)));

    public static final Scorecards DEFAULT = new Scorecards(List.of());

    private final List<ScorecardSpec> cards;
    private final ScorecardSpec defaultCard;
    private final Map<String, ScorecardSpec> byTeam = new HashMap<>();

    /** @param configured the configured cards (a card named customer_service replaces the built-in one) */
    public Scorecards(List<ScorecardSpec> configured) {
        List<ScorecardSpec> all = new ArrayList<>();
        ScorecardSpec def = BUILT_IN;
        for (ScorecardSpec c : configured) {
            if (c.name().equals(CUSTOMER_SERVICE)) {
                def = c;
            }
        }
        all.add(def);
        Map<String, String> names = new HashMap<>();
        for (ScorecardSpec c : configured) {
            if (names.put(c.name(), c.name()) != null) {
                throw new IllegalArgumentException("scorecard " + c.name() + " is defined twice");
            }
            if (c != def) {
                all.add(c);
            }
            for (String team : c.teams()) {
                ScorecardSpec other = byTeam.put(team, c);
                if (other != null) {
                    throw new IllegalArgumentException("team " + team + " is in scorecards " + other.name() + " and "
                            + c.name());
                }
            }
        }
        this.cards = List.copyOf(all);
        this.defaultCard = def;
    }

    /** The card of a team (and its agents): the one listing it, else the default. */
    public ScorecardSpec forTeam(String team) {
        ScorecardSpec c = team == null ? null : byTeam.get(team);
        return c != null ? c : defaultCard;
    }

    /** The card by name, or null. */
    public ScorecardSpec named(String name) {
        for (ScorecardSpec c : cards) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Every card, the default first. */
    public List<ScorecardSpec> all() {
        return cards;
    }
}
