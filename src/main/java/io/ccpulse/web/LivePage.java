package io.ccpulse.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The live page and its stream, mounted into the service's router:
 * <ul>
 *   <li>{@code GET /v1/live/stream} (read guard): {@link LiveStream};</li>
 *   <li>{@code GET /} and {@code GET /live}: the page (web/index.html on the classpath);</li>
 *   <li>{@code GET /assets/*}: its CSS, JavaScript modules and icon (web/assets/).</li>
 * </ul>
 * The page and its assets are public (they hold no data); the data comes only through the guarded
 * stream. The page takes a read token from {@code ?token=} and passes it as {@code access_token}.
 */
public final class LivePage {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'";

    private final LiveStream stream;

    public LivePage(LiveStream stream) {
        this.stream = stream;
    }

    /** Mounts the routes; called once per router (the service has one router per event loop). */
    public void mount(Router router, Handler<RoutingContext> readGuard) {
        router.get(LiveStream.PATH).handler(readGuard).handler(stream::handle);
        router.get("/").handler(this::securityHeaders).handler(files("web"));
        router.get("/live").handler(ctx -> ctx.reroute("/"));
        // a wildcard route's prefix is cut off the path before the file is looked up
        router.get("/assets/*").handler(this::securityHeaders).handler(files("web/assets"));
    }

    private static StaticHandler files(String webroot) {
        return StaticHandler.create(webroot).setCachingEnabled(true).setMaxAgeSeconds(60)
                .setDirectoryListing(false).setIncludeHidden(false).setIndexPage("index.html");
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                // the token may be in the page's URL: never send it on
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
