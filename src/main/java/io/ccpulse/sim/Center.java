package io.ccpulse.sim;

import io.ccpulse.domain.event.Channel;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The static part of the simulated center: queues and channels (lanes), teams, the agent roster
 * with skills and shifts, and the arrival rates calibrated to the roster. Deterministic from the
 * size and the seed (the seed only picks names).
 *
 * <p>Calibration: the roster is planned first (agents per team, shift starts chosen greedily to
 * follow the team's daily workload curve); then each pool of agents (a team, or the whole center
 * when agents are universal) gets the load that square-root staffing says its scheduled agents
 * carry, {@code A = ((sqrt(beta^2 + 4n) - beta) / 2)^2} for n productive agents, summed over the
 * day hours. So the load follows the curve, the staffing follows the load in 8.5-hour blocks, and
 * the mismatch between the two makes the service level vary over the day, as in a real center.
 */
final class Center {

    static final int SHIFT_MIN = 510;            // 8 h work + 30 min lunch
    static final int NIGHT_START_MIN = 22 * 60;
    static final double PRODUCTIVE = 0.88;        // share of the shift not on breaks
    static final double TICKETS_PER_EMAIL = 0.25;

    static final String[] TEAMS = {"billing", "tech", "sales", "support", "vip"};
    private static final double[] TEAM_SHARES = {0.24, 0.26, 0.12, 0.26, 0.12};
    private static final String[][] SECONDARY = {{"sales"}, {"billing"}, {"billing"}, {"vip"}, {"support"}};
    private static final String[] ROUND_THE_CLOCK = {"billing", "tech", "support", "vip"};

    private static final double[] VOICE_CURVE = {0.05, 0.03, 0.02, 0.02, 0.03, 0.06, 0.16, 0.42, 0.78, 0.96, 1.00,
        0.95, 0.82, 0.86, 0.90, 0.85, 0.74, 0.60, 0.45, 0.34, 0.25, 0.18, 0.12, 0.08};
    private static final double[] SALES_CURVE = {0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.70, 0.95, 1.00,
        0.92, 0.75, 0.85, 0.95, 0.90, 0.80, 0.70, 0.60, 0.50, 0.15, 0.08, 0.05, 0.03};
    private static final double[] CHAT_CURVE = {0.10, 0.06, 0.04, 0.03, 0.03, 0.05, 0.12, 0.30, 0.55, 0.75, 0.85,
        0.88, 0.85, 0.85, 0.88, 0.85, 0.85, 0.88, 0.92, 0.98, 1.00, 0.85, 0.50, 0.25};
    private static final double[] EMAIL_CURVE = {0.20, 0.15, 0.12, 0.10, 0.10, 0.14, 0.30, 0.60, 0.90, 1.00, 1.00,
        0.95, 0.85, 0.90, 0.95, 0.90, 0.80, 0.65, 0.55, 0.50, 0.45, 0.40, 0.32, 0.25};
    private static final double[] MESSAGING_CURVE = {0.12, 0.08, 0.05, 0.04, 0.04, 0.08, 0.20, 0.45, 0.70, 0.85, 0.92,
        0.95, 1.00, 0.95, 0.90, 0.88, 0.85, 0.88, 0.95, 1.00, 0.95, 0.80, 0.50, 0.25};

    private static final String[] FIRST_NAMES = {"Maria", "James", "Aisha", "Chen", "Lukas", "Sofia", "Mateo",
        "Priya", "Noah", "Emma", "Yuki", "Omar", "Lena", "Carlos", "Fatima", "Jonas", "Mia", "Ivan", "Chloe",
        "Ahmed", "Hannah", "Diego", "Nora", "Kwame", "Elif", "Tomas", "Sara", "Ravi", "Julia", "Marek", "Amara",
        "Felix", "Ines", "Hugo", "Leila", "Pablo", "Anna", "Wei", "Zoe", "Samuel"};
    private static final String[] LAST_NAMES = {"Garcia", "Smith", "Khan", "Wang", "Muller", "Rossi", "Silva",
        "Patel", "Johnson", "Martin", "Tanaka", "Haddad", "Schmidt", "Lopez", "Nowak", "Jensen", "Dubois",
        "Petrov", "Brown", "Costa", "Ali", "Fischer", "Moreau", "Mensah", "Yilmaz", "Novak", "Berg", "Sharma",
        "Weber", "Kowalski", "Okafor", "Hoffmann", "Ferreira", "Laurent", "Rahman", "Romero", "Nielsen", "Li",
        "Kim", "Meyer"};

    /**
     * One agent of the roster. Shift start in minutes after local midnight; {@code weekendSlot}
     * in [0, 1) spreads the weekend shifts evenly over the agents of a pool and their shift starts.
     */
    record AgentSpec(String id, String name, String primary, String team, List<String> queues, int shiftStartMin,
                     boolean night, double weekendSlot) { }

    final CenterSize size;
    final List<Lane> lanes = new ArrayList<>();
    final List<AgentSpec> agents = new ArrayList<>();
    private final Map<String, Lane> byKey = new LinkedHashMap<>();

    Center(CenterSize size, long seed) {
        this.size = size;
        defineLanes();
        Random names = new Random(seed ^ 0x6e616d6573L);
        int[] teamSizes = teamSizes(size.agents() - size.nightAgents());
        int n = 0;
        List<List<String>> pools = new ArrayList<>();
        if (size.universal()) {
            pools.add(List.of("billing", "tech", "sales"));
            pools.add(List.of("support", "vip"));
        } else {
            for (String team : TEAMS) {
                pools.add(List.of(team));
            }
        }
        Map<String, Integer> poolSizeOfTeam = new LinkedHashMap<>();
        for (List<String> poolTeams : pools) {
            List<AgentSpec> pool = new ArrayList<>();
            for (String team : poolTeams) {
                int t = teamIndex(team);
                for (int i = 0; i < teamSizes[t]; i++) {
                    n++;
                    List<String> queues = new ArrayList<>();
                    queues.add(team);
                    if (size.universal()) {
                        for (String other : poolTeams) {
                            if (!other.equals(team)) {
                                queues.add(other);
                            }
                        }
                    } else if (names.nextDouble() < (size == CenterSize.MEDIUM ? 0.4 : 0.25)) {
                        Collections.addAll(queues, SECONDARY[t]);
                    }
                    pool.add(new AgentSpec(String.format("a-%03d", n), name(names), team,
                            team + "-" + (i / 12 + 1), List.copyOf(queues), 0, false, 0));
                }
            }
            List<AgentSpec> planned = plan(pool, demand(poolTeams, size.universal()));
            agents.addAll(planned);
            calibrate(planned, poolTeams, size.universal());
            for (String team : poolTeams) {
                poolSizeOfTeam.put(team, planned.size());
            }
        }
        for (int i = 0; i < size.nightAgents(); i++) {
            n++;
            agents.add(new AgentSpec(String.format("a-%03d", n), name(names), "night", "night-1",
                    List.of(ROUND_THE_CLOCK), NIGHT_START_MIN, true, 0));
        }
        agents.sort((a, b) -> a.id().compareTo(b.id()));
        for (Lane lane : lanes) {
            int pool = poolSizeOfTeam.get(lane.team);
            if (lane.channel == Channel.VOICE) {
                lane.capacity = Math.max(4, (int) Math.round(0.8 * pool));
            } else if (lane.channel == Channel.CHAT) {
                lane.capacity = Math.max(6, (int) Math.round(1.5 * pool));
            }
        }
    }

    private void defineLanes() {
        boolean small = size.universal();
        add(new Lane("billing", Channel.VOICE, "billing", 1.0, VOICE_CURVE)
                .open(small ? 7 : 0, small ? 21 : 24)
                .talk(270, 0.55).acw(35).ring(5, 0.03).hold(0.30, 50)
                .transfer(0.06, 0.3, "tech", "tech", "sales")
                .patience(100, 0.9, 0.06, 0.15, 0.45)
                .outcome(0.82, 0.18, 0.03).sl(20)
                .dispositions(new String[] {"billing_question", "payment_arrangement", "refund_issued",
                    "invoice_corrected"}, new String[] {"refund_pending", "escalated_to_backoffice", "callback_needed"}));
        add(new Lane("tech", Channel.VOICE, "tech", 1.0, VOICE_CURVE)
                .open(small ? 7 : 0, small ? 21 : 24)
                .talk(450, 0.6).acw(55).ring(5, 0.03).hold(0.45, 70)
                .transfer(0.09, 0.3, "billing", "billing", "sales")
                .patience(180, 0.9, 0.05, 0.15, 0.5)
                .outcome(0.68, 0.15, 0.04).sl(20)
                .dispositions(new String[] {"fixed_remotely", "configuration_help", "password_reset", "how_to"},
                        new String[] {"technician_scheduled", "ticket_opened", "known_outage", "callback_needed"}));
        add(new Lane("sales", Channel.VOICE, "sales", 1.0, SALES_CURVE)
                .open(8, 20)
                .talk(320, 0.6).acw(45).ring(5, 0.03).hold(0.25, 40)
                .transfer(0.05, 0.3, "billing")
                .patience(90, 0.9, 0.07, 0.15, 0.35)
                .outcome(0.75, 0.12, 0.03).sl(20)
                .dispositions(new String[] {"sale", "upgrade", "quote_sent", "information"},
                        new String[] {"not_interested", "callback_requested", "price_objection"}));
        add(new Lane("support", Channel.CHAT, "support", 0.62, CHAT_CURVE)
                .open(small ? 7 : 0, small ? 21 : 24)
                .talk(540, 0.6).acw(25).ring(4, 0.015).hold(0, 0)
                .transfer(0.04, 1.0)
                .patience(150, 0.8, 0.04, 0.5, 0.3)
                .outcome(0.78, 0.25, 0.03).sl(30).concurrency(2.2).messages(12, 45)
                .dispositions(new String[] {"answered", "order_status", "account_updated"},
                        new String[] {"sent_to_email", "ticket_opened", "customer_left"}));
        add(new Lane("support", Channel.EMAIL, "support", 0.38, EMAIL_CURVE)
                .talk(380, 0.7).acw(20).ring(0, 0).hold(0, 0)
                .patience(0, 0, 0, 0, 0)
                .outcome(0.80, 0.08, 0.02).sl(86_400).concurrency(1)
                .dispositions(new String[] {"answered", "documents_sent", "account_updated"},
                        new String[] {"more_info_requested", "ticket_opened"}));
        add(new Lane("vip", Channel.MESSAGING, "vip", 1.0, MESSAGING_CURVE)
                .talk(1100, 0.7).acw(30).ring(8, 0.01).hold(0, 0)
                .transfer(0.03, 1.0)
                .patience(1500, 1.0, 0.02, 0.5, 0.3)
                .outcome(0.86, 0.30, 0.02).sl(3_600).concurrency(2.5).messages(30, 150)
                .dispositions(new String[] {"answered", "order_changed", "priority_service"},
                        new String[] {"callback_needed", "ticket_opened"}));
    }

    private void add(Lane lane) {
        lanes.add(lane);
        byKey.put(lane.key(), lane);
    }

    Lane lane(String queue, Channel channel) {
        return byKey.get(queue + "/" + channel.wireName());
    }

    /** Lanes of a queue, in definition order. */
    List<Lane> lanesOf(String queue) {
        List<Lane> out = new ArrayList<>();
        for (Lane l : lanes) {
            if (l.queue.equals(queue)) {
                out.add(l);
            }
        }
        return out;
    }

    static int teamIndex(String team) {
        for (int i = 0; i < TEAMS.length; i++) {
            if (TEAMS[i].equals(team)) {
                return i;
            }
        }
        throw new IllegalArgumentException(team);
    }

    /** Largest-remainder split of {@code n} agents over the team shares, at least one per team. */
    static int[] teamSizes(int n) {
        int[] sizes = new int[TEAMS.length];
        double[] rest = new double[TEAMS.length];
        int used = 0;
        for (int i = 0; i < TEAMS.length; i++) {
            double exact = n * TEAM_SHARES[i];
            sizes[i] = Math.max(1, (int) Math.floor(exact));
            rest[i] = exact - Math.floor(exact);
            used += sizes[i];
        }
        while (used < n) {
            int best = 0;
            for (int i = 1; i < rest.length; i++) {
                if (rest[i] > rest[best]) {
                    best = i;
                }
            }
            sizes[best]++;
            rest[best] = -1;
            used++;
        }
        return sizes;
    }

    /** Weight of a lane's arrivals within a pool of teams. */
    private static double weight(Lane lane, boolean universal) {
        return universal ? lane.mix * TEAM_SHARES[teamIndex(lane.team)] : lane.mix;
    }

    /** Workload (agent-seconds per second, unscaled) of the pool's lanes by hour, open hours only. */
    private double[] demand(List<String> teams, boolean universal) {
        double[] d = new double[24];
        for (Lane lane : lanes) {
            if (!teams.contains(lane.team)) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                if (lane.openAt(h + 0.5)) {
                    d[h] += weight(lane, universal) * lane.curve[h] * lane.workPerContactS();
                }
            }
        }
        return d;
    }

    /** Gives each agent of the pool a shift start, greedily covering the demand curve. */
    private static List<AgentSpec> plan(List<AgentSpec> pool, double[] demand) {
        if (demand == null) {
            return pool;
        }
        double total = 0;
        for (double x : demand) {
            total += x;
        }
        double[] target = new double[24];
        for (int h = 0; h < 24; h++) {
            target[h] = demand[h] * pool.size() * (SHIFT_MIN / 60.0) / total;
        }
        double[] cover = new double[24];
        List<AgentSpec> out = new ArrayList<>();
        for (AgentSpec a : pool) {
            int bestStart = -1;
            double bestGain = -1;
            for (int startHour = 6; startHour <= 16; startHour++) {
                double gain = 0;
                for (int h = 0; h < 24; h++) {
                    gain += overlap(startHour * 60, h) * Math.max(0, target[h] - cover[h]);
                }
                if (gain > bestGain + 1e-9) {
                    bestGain = gain;
                    bestStart = startHour;
                }
            }
            for (int h = 0; h < 24; h++) {
                cover[h] += overlap(bestStart * 60, h);
            }
            out.add(new AgentSpec(a.id(), a.name(), a.primary(), a.team(), a.queues(), bestStart * 60, false, 0));
        }
        out.sort(Comparator.comparingInt(AgentSpec::shiftStartMin).thenComparing(AgentSpec::id));
        List<AgentSpec> slotted = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            AgentSpec a = out.get(i);
            slotted.add(new AgentSpec(a.id(), a.name(), a.primary(), a.team(), a.queues(), a.shiftStartMin(), false,
                    (double) i / out.size()));
        }
        return slotted;
    }

    /** Fraction of local hour h covered by a shift starting at {@code startMin}. */
    static double overlap(int startMin, int h) {
        double covered = 0;
        for (int day = -1; day <= 0; day++) {
            double s = startMin + day * 1440;
            double e = s + SHIFT_MIN;
            double hs = h * 60;
            double he = hs + 60;
            covered += Math.max(0, Math.min(e, he) - Math.max(s, hs));
        }
        return covered / 60;
    }

    /** Sets the peak arrival rates of the pool's lanes from the load its agents carry. */
    private void calibrate(List<AgentSpec> pool, List<String> teams, boolean universal) {
        double[] d = demand(teams, universal);
        double[] cover = new double[24];
        for (AgentSpec a : pool) {
            for (int h = 0; h < 24; h++) {
                cover[h] += overlap(a.shiftStartMin(), h);
            }
        }
        double load = 0;
        double dem = 0;
        for (int h = 7; h <= 20; h++) {
            load += sqrtStaffingLoad(cover[h] * PRODUCTIVE, size.staffingSafety());
            dem += d[h];
        }
        double scale = load / dem;
        for (Lane lane : lanes) {
            if (teams.contains(lane.team)) {
                lane.peakRatePerS = scale * weight(lane, universal);
            }
        }
    }

    /** Offered load (Erlangs) that n agents carry with square-root staffing (n = A + beta * sqrt(A)). */
    static double sqrtStaffingLoad(double n, double beta) {
        if (n <= 0) {
            return 0;
        }
        double r = (Math.sqrt(beta * beta + 4 * n) - beta) / 2;
        return r * r;
    }

    /** Relative volume of a day: Monday busiest, Sunday quietest. */
    static double dayFactor(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        switch (d) {
            case MONDAY: return 1.00;
            case TUESDAY: return 0.96;
            case WEDNESDAY: return 0.93;
            case THURSDAY: return 0.92;
            case FRIDAY: return 0.88;
            case SATURDAY: return 0.55;
            default: return 0.42;
        }
    }

    /**
     * Whether a day agent works on this date. Monday to Friday everyone; at the weekend a share
     * of each pool that shrinks less than the volume (small teams need relatively more people),
     * picked evenly over the shift starts and rotating from one weekend day to the next.
     */
    static boolean works(AgentSpec a, LocalDate date) {
        if (a.night() || date.getDayOfWeek().getValue() < 6) {
            return true;
        }
        double share = Math.sqrt(dayFactor(date));
        double phase = (date.toEpochDay() * 0.6180339887) % 1.0;
        double x = (a.weekendSlot() + phase) % 1.0;
        return x < share;
    }

    /** Arrivals per second of a lane at a local date and hour. */
    double rate(Lane lane, LocalDate date, double localHour) {
        return lane.peakRatePerS * lane.curveAt(localHour) * dayFactor(date);
    }

    /** The largest rate a lane can have (for thinning). */
    double maxRate(Lane lane) {
        double max = 0;
        for (double c : lane.curve) {
            max = Math.max(max, c);
        }
        return lane.peakRatePerS * max;
    }

    private static String name(Random r) {
        return FIRST_NAMES[r.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[r.nextInt(LAST_NAMES.length)];
    }
}
