package io.ccpulse.api;

import io.ccpulse.ingest.IngestHandler;
import io.ccpulse.ingest.IngestMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The HTTP server: route table first, one handler per route. Deployed once per event loop. */
public final class HttpApi extends VerticleBase {

    /** What the routes need from the rest of the service. */
    public record Deps(String host, int port, int maxBodyBytes, TokenAuth ingestAuth, TokenAuth readAuth,
                       boolean readOpen, IngestHandler ingest, IngestMetrics ingestMetrics,
                       PrometheusMeterRegistry registry, BooleanSupplier ready, Consumer<Router> extraRoutes) { }

    private final Deps deps;
    private HttpServer server;

    public HttpApi(Deps deps) {
        this.deps = deps;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.post("/v1/events")
                .handler(BodyHandler.create(false).setBodyLimit(deps.maxBodyBytes()))
                .handler(this::requireIngestToken)
                .handler(this::handleIngest);
        router.get("/health").handler(this::handleHealth);
        router.get("/ready").handler(this::handleReady);
        router.get("/metrics").handler(this::handleMetrics);
        router.route("/v1/live/*").handler(this::requireReadToken);
        router.route("/v1/reports/*").handler(this::requireReadToken);
        if (deps.extraRoutes() != null) {
            deps.extraRoutes().accept(router);
        }
        server = vertx.createHttpServer();
        return server.requestHandler(router).listen(deps.port(), deps.host());
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void requireIngestToken(RoutingContext ctx) {
        String source = deps.ingestAuth().source(ctx.request().getHeader("Authorization"));
        if (source == null) {
            unauthorized(ctx);
            return;
        }
        ctx.put("source", source);
        ctx.next();
    }

    /** Reading endpoints: open, or any read or ingest token, by configuration. */
    private void requireReadToken(RoutingContext ctx) {
        if (deps.readOpen()) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null && ctx.request().getParam("access_token") != null) {
            // EventSource in browsers cannot set headers; the live page passes the token as a parameter
            header = "Bearer " + ctx.request().getParam("access_token");
        }
        if (deps.readAuth().source(header) == null && deps.ingestAuth().source(header) == null) {
            unauthorized(ctx);
            return;
        }
        ctx.next();
    }

    /** Guards a route added by another module with the read-token rule. */
    public Handler<RoutingContext> readGuard() {
        return this::requireReadToken;
    }

    private void unauthorized(RoutingContext ctx) {
        deps.ingestMetrics().unauthorized();
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"ccpulse\"")
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", "missing or wrong bearer token").encode());
    }

    private void handleIngest(RoutingContext ctx) {
        deps.ingest().handle(ctx, ctx.get("source"));
    }

    private void handleHealth(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end("{\"status\":\"up\"}");
    }

    private void handleReady(RoutingContext ctx) {
        vertx.executeBlocking(() -> deps.ready().getAsBoolean(), false).onComplete(ar -> {
            boolean ok = ar.succeeded() && ar.result();
            ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", ok ? "ready" : "not ready")
                            .put("database", ok ? "reachable, migrations applied" : "unreachable or not migrated")
                            .encode());
        });
    }

    private void handleMetrics(RoutingContext ctx) {
        vertx.executeBlocking(() -> deps.registry().scrape(), false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
        });
    }
}
