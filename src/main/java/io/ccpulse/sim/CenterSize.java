package io.ccpulse.sim;

import java.util.Locale;

/** How big the simulated center is: agents on the roster, night cover, skills. */
public enum CenterSize {
    /** ~10 agents, each serving every voice queue or every digital queue; voice and chat open 07:00-21:00. */
    SMALL(10, 0, true, 1.0),
    /** ~40 agents in five teams, 24/7 with a night cover. */
    MEDIUM(40, 2, false, 0.9),
    /** ~200 agents in five teams, 24/7 with a night cover. */
    LARGE(200, 6, false, 0.4);

    private final int agents;
    private final int nightAgents;
    private final boolean universal;
    private final double staffingSafety;

    CenterSize(int agents, int nightAgents, boolean universal, double staffingSafety) {
        this.agents = agents;
        this.nightAgents = nightAgents;
        this.universal = universal;
        this.staffingSafety = staffingSafety;
    }

    /**
     * The beta of square-root staffing (agents = load + beta * sqrt(load)) the arrival rates are
     * calibrated with: big centers run their agents busier and, thanks to pooling, still keep the
     * abandon rate at a few per cent.
     */
    double staffingSafety() {
        return staffingSafety;
    }

    /** Agents on the roster (not all of them work at the same time). */
    public int agents() {
        return agents;
    }

    /** Agents of the 22:00-06:30 shift, serving every 24/7 queue. */
    public int nightAgents() {
        return nightAgents;
    }

    /** Whether agents serve every queue of their pool, voice or digital (small centers). */
    public boolean universal() {
        return universal;
    }

    /** {@code small}, {@code medium} or {@code large}, any case. */
    public static CenterSize parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("center size must be small, medium or large, not '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
