package io.ccpulse.app;

import io.ccpulse.api.HttpApi;
import io.ccpulse.api.TokenAuth;
import io.ccpulse.config.Config;
import io.ccpulse.domain.event.Event;
import io.ccpulse.ingest.EventParser;
import io.ccpulse.ingest.IngestHandler;
import io.ccpulse.ingest.IngestMetrics;
import io.ccpulse.store.Db;
import io.ccpulse.store.EventWriter;
import io.ccpulse.store.FactWriter;
import io.ccpulse.live.LiveEngine;
import io.ccpulse.metrics.LiveMetrics;
import io.ccpulse.api.LiveApi;
import io.ccpulse.api.ReportApi;
import io.ccpulse.store.FcrSettler;
import io.ccpulse.store.ReportStore;
import io.ccpulse.store.TicketReportStore;
import io.ccpulse.store.Retention;
import io.ccpulse.store.EventReplay;
import io.ccpulse.live.Recovery;
import io.ccpulse.web.LivePage;
import io.ccpulse.web.LiveStream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/** The composition root: wires configuration, database, writer, engine and HTTP. */
public final class Service implements AutoCloseable {

    public static final String VERSION = versionOf();

    /** FCR settling (docs/HISTORY.md): how often, and the margin behind the horizon for the fact writer's lag. */
    static final Duration FCR_SETTLE_EVERY = Duration.ofMinutes(1);
    static final Duration FCR_SETTLE_MARGIN = Duration.ofMinutes(15);

    private final Config config;
    private final Clock clock;
    private final Db db;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Consumer<List<Event>>> storedListener = new AtomicReference<>(events -> { });
    private Vertx vertx;
    private EventWriter writer;
    private FactWriter factWriter;
    private Retention retention;
    private ScorecardDays scorecardDays;
    private FcrSettler fcrSettler;
    private Recovery.Result recovery;
    private LiveEngine live;
    private LiveMetrics liveMetrics;
    private LivePage livePage;
    private int port;

    public Service(Config config) {
        this(config, Clock.systemUTC());
    }

    /** With the clock that decides "now" for the live view (tests replay a past day with a fixed clock). */
    public Service(Config config, Clock clock) {
        this.clock = clock;
        this.config = config.requireIngestTokens();
        this.db = new Db(config.database());
    }

    /** Migrates, starts the writer and the HTTP server; returns the port listened on. */
    public int start() throws Exception {
        Retention retentionJob = new Retention(db.dataSource(), config.retention(), registry, clock);
        db.migrate();
        Gauge.builder("ccpulse.build.info", () -> 1).tag("version", VERSION)
                .description("Build information; the value is always 1").register(registry);
        factWriter = new FactWriter(db.dataSource(), registry, config.settings());
        live = new LiveEngine(config.settings(), clock, facts -> {
            liveMetrics.record(facts);
            factWriter.submit(facts);
        }, config.ingest().engineInboxCapacity());
        LiveEngine engine = live;
        Gauge.builder("ccpulse.live.backlog.batches", engine, LiveEngine::backlogBatches)
                .description("Stored event batches the live engine has not yet applied and published").register(registry);
        Gauge.builder("ccpulse.live.inbox.events", engine, LiveEngine::inboxEvents)
                .description("Stored events handed to the live engine and not yet applied (new requests get 503 at "
                        + "ingest.engine_inbox_capacity)").register(registry);
        liveMetrics = new LiveMetrics(registry, config.settings(), clock, live);
        live.onApply(r -> factWriter.markLate(r.lateIds())); // history: recovery replays without these
        recovery = new Recovery(new EventReplay(db.dataSource()), config.settings(), registry)
                .run(live, factWriter); // history: rebuild the live state from the stored events
        live.start();
        storedListener.set(live::accept);
        writer = new EventWriter(db.dataSource(), config.ingest().queueCapacity(), config.ingest().writers(), registry,
                events -> storedListener.get().accept(events), engine::inboxFull);
        IngestMetrics ingestMetrics = new IngestMetrics(registry);
        IngestHandler ingest = new IngestHandler(new EventParser(config.ingest().maxClockSkew().toMillis()), writer,
                ingestMetrics, config.ingest().maxBatch(), config.settings().allowedLateness().toMillis(),
                System::currentTimeMillis);
        Long newest = newestEventTime();
        if (newest != null) {
            ingest.seedNewestEventTime(newest);
        }
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        livePage = new LivePage(new LiveStream(vertx, new EngineLiveSource(live, clock,
                config.settings().hourlyCost(), config.goals(), config.settings().zone()), registry, LiveStream.Options.defaults()));
        TokenAuth ingestAuth = new TokenAuth(config.auth().ingestTokens());
        TokenAuth readAuth = new TokenAuth(config.auth().readTokens());
        AtomicReference<HttpApi> first = new AtomicReference<>();
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        Function<Consumer<Router>, HttpApi.Deps> deps = extraRoutes -> new HttpApi.Deps(config.http().host(),
                config.http().port(), config.http().maxBodyBytes(), ingestAuth, readAuth, config.auth().readOpen(),
                ingest, ingestMetrics, registry, db::ready, extraRoutes);
        vertx.deployVerticle(() -> {
            AtomicReference<HttpApi> self = new AtomicReference<>();
            HttpApi api = new HttpApi(deps.apply(router -> extraRoutes(router, self.get().readGuard())));
            self.set(api);
            first.compareAndSet(null, api);
            return api;
        }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        port = first.get().actualPort();
        retention = retentionJob.start(); // history: drops old chunks on a schedule
        scorecardDays = new ScorecardDays(db.dataSource(), reportApi(), config.reports(), config.settings().zone(),
                clock, registry).start(); // day scores for Grafana
        LiveEngine settleFrom = live;
        fcrSettler = new FcrSettler(db.dataSource(), config.settings(), registry).start(new SettleHorizon(() -> {
            LiveEngine.Published p = settleFrom.published();
            return SettleHorizon.Live.of(p == null ? null : p.snapshot());
        }, clock, config.settings().allowedLateness(), FCR_SETTLE_MARGIN), FCR_SETTLE_EVERY); // reports read it
        return port;
    }

    /** Routes of the live API and page; called once per HttpApi instance (one router per event loop). */
    private void extraRoutes(Router router, Handler<RoutingContext> readGuard) {
        new LiveApi(live, config.settings().hourlyCost(), clock, config.goals(), config.settings().zone()).mount(router);
        livePage.mount(router, readGuard);
        reportApi().mount(router);
    }

    private ReportApi reportApi() {
        return new ReportApi(new ReportStore(db.dataSource(), config.settings()), new TicketReportStore(db.dataSource()),
                config.settings(), config.goals(), registry, clock);
    }

    /** The job that stores day scores (null before start). */
    public ScorecardDays scorecardDays() {
        return scorecardDays;
    }

    public LiveEngine live() {
        return live;
    }

    public FactWriter factWriter() {
        return factWriter;
    }

    /** What restart recovery did at start. */
    public Recovery.Result recovery() {
        return recovery;
    }

    private Long newestEventTime() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(time) FROM events")) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            c.rollback();
            return t == null ? null : t.getTime();
        }
    }

    public int port() {
        return port;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // shutting down anyway
            }
        }
        if (retention != null) {
            retention.close();
        }
        if (scorecardDays != null) {
            scorecardDays.close();
        }
        if (fcrSettler != null) {
            fcrSettler.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (live != null) {
            live.close();
        }
        if (factWriter != null) {
            factWriter.close();
        }
        db.close();
    }

    private static String versionOf() {
        String v = Service.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
