package io.ccpulse.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/** A real Vert.x HTTP server on a free port with only the live page mounted. */
final class TestServer implements AutoCloseable {

    static final String TOKEN = "read-secret";

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LiveStream stream;
    private final int port;

    /** With a read guard that wants {@code access_token=read-secret} when {@code guarded}. */
    TestServer(LiveSource source, LiveStream.Options options, boolean guarded) throws Exception {
        stream = new LiveStream(vertx, source, registry, options);
        Handler<RoutingContext> guard = ctx -> {
            if (!guarded || TOKEN.equals(ctx.request().getParam("access_token"))) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(401).end("{\"error\":\"missing or wrong bearer token\"}");
            }
        };
        // like the service: one router per event loop (two verticle instances sharing the port),
        // all of them mounting the same LivePage
        LivePage page = new LivePage(stream);
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                Router router = Router.router(vertx);
                page.mount(router, guard);
                return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
            }
        }, new DeploymentOptions().setInstances(2)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return port;
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    double dropped() {
        return registry.find("ccpulse.stream.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double clientsGauge() {
        return registry.get("ccpulse.stream.clients").gauge().value();
    }

    @Override
    public void close() throws Exception {
        stream.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
