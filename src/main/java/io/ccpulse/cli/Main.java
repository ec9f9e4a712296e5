package io.ccpulse.cli;

import io.ccpulse.app.Service;
import io.ccpulse.config.Config;
import io.ccpulse.config.ConfigException;
import io.ccpulse.store.Db;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code ccpulse serve | migrate | simulate | bench}. */
@Command(name = "ccpulse", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = CommandLine.ScopeType.INHERIT, // --help and --version on every subcommand too
        description = "Real-time KPI monitor for call centers and service desks.",
        subcommands = {Main.Serve.class, Main.Migrate.class, SimulateCommand.class, RollupsCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException) {
                cmd.getErr().println(ex.getMessage());
                return 2;
            }
            java.sql.SQLException sql = innermostSqlException(ex);
            if (sql != null) {
                // a wrong password, an unreachable or missing database: the reason, not a stack trace
                cmd.getErr().println("database error: " + sql.getMessage().strip()
                        + (sql.getSQLState() == null ? "" : " (SQL state " + sql.getSQLState() + ")"));
                return 1;
            }
            throw ex;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The innermost SQLException in the cause chain (the driver's own reason), or null. */
    static java.sql.SQLException innermostSqlException(Throwable t) {
        java.sql.SQLException found = null;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof java.sql.SQLException e) {
                found = e;
            }
        }
        return found;
    }

    /** Options shared by commands that read the configuration. */
    static class ConfigOption {
        @Option(names = {"-c", "--config"}, description = "YAML configuration file (environment CCPULSE_* overrides it)")
        Path config;

        Config load() {
            Path p = config;
            if (p == null && System.getenv("CCPULSE_CONFIG") != null) {
                p = Path.of(System.getenv("CCPULSE_CONFIG"));
            }
            return Config.load(p, System.getenv());
        }
    }

    @Command(name = "serve", description = "Run the service (migrates the database first).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @Override
        public Integer call() throws Exception {
            Config config = options.load();
            Service service = new Service(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "ccpulse-shutdown"));
            int port = service.start();
            System.out.println("ccpulse " + Service.VERSION + " listening on port " + port);
            System.out.println("live page: http://" + pageHost(config.http().host()) + ":" + port + "/"
                    + (config.auth().readOpen() ? "" : "?token=<read token>"));
            stopped.await();
            return 0;
        }
    }

    /** A host name a browser can open: the bind address, or localhost when bound to every interface. */
    static String pageHost(String bind) {
        if (bind == null || bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return "localhost";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    @Command(name = "migrate", description = "Apply database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @Override
        public Integer call() {
            Config config = options.load();
            try (Db db = new Db(config.database())) {
                MigrateResult r = db.migrate();
                System.out.println("migrations applied: " + r.migrationsExecuted + ", schema version "
                        + (r.targetSchemaVersion == null ? "unchanged" : r.targetSchemaVersion));
            }
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ccpulse " + Service.VERSION};
        }
    }
}
