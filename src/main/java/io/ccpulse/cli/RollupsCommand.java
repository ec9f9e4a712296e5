package io.ccpulse.cli;

import io.ccpulse.config.Config;
import io.ccpulse.store.Db;
import io.ccpulse.store.RollupRebuild;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccpulse rollups rebuild --from --to}: recompute the 15-minute roll-ups of a range. */
@Command(name = "rollups", description = "Maintain the 15-minute roll-ups (docs/HISTORY.md).",
        subcommands = {RollupsCommand.Rebuild.class})
public final class RollupsCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "rebuild", description = {
        "Recompute the roll-ups of [from, to) from the stored facts with the current settings.",
        "This is how a settings change (service-level or short-abandon threshold, CSAT minimum, FRT target)",
        "is applied to history. Safe while the service runs: it works a day at a time, and fact writes wait",
        "for each day's transaction. Times are rounded outward to 15-minute buckets."})
    static final class Rebuild implements Callable<Integer> {
        @CommandLine.Mixin
        Main.ConfigOption options = new Main.ConfigOption();

        @Option(names = "--from", required = true,
                description = "start: a date (local midnight in the configured time zone) or an RFC 3339 time")
        String from;

        @Option(names = "--to", required = true, description = "end (exclusive), same formats as --from")
        String to;

        @Override
        public Integer call() throws Exception {
            Config config = options.load();
            ZoneId zone = config.settings().zone();
            Instant f = parse("--from", from, zone);
            Instant t = parse("--to", to, zone);
            if (f == null || t == null) {
                return 2;
            }
            if (!f.isBefore(t)) {
                System.err.println("--to must be after --from");
                return 2;
            }
            try (Db db = new Db(config.database())) {
                db.migrate();
                RollupRebuild.Result r = new RollupRebuild(db.dataSource(), config.settings())
                        .rebuild(f, t, System.out::println);
                System.out.println("rebuilt roll-ups of " + r.from() + " .. " + r.to() + " in " + r.slices()
                        + " slices, " + r.millis() + " ms: " + r.queueRows() + " queue rows, " + r.agentRows()
                        + " agent rows");
            }
            return 0;
        }

        private static Instant parse(String name, String v, ZoneId zone) {
            try {
                if (v.length() == 10) {
                    return LocalDate.parse(v).atStartOfDay(zone).toInstant();
                }
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                System.err.println(name + ": '" + v + "' is not a date (2026-11-23) or an RFC 3339 time");
                return null;
            }
        }
    }
}
