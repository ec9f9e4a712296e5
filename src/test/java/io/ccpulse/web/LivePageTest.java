package io.ccpulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LivePage routes")
class LivePageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(FakeLiveSource.sample(), LiveStream.Options.defaults(), true);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("serves the page at / and /live from the classpath, with a strict CSP and no referrer")
    void page() throws Exception {
        for (String path : new String[] {"/", "/live", "/?queue=billing&wall=1"}) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
            assertTrue(r.body().contains("<html lang=\"en\">"), path);
            assertTrue(r.body().contains("assets/app.js"), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), csp);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
        }
    }

    @Test
    @DisplayName("serves the assets with their types; nothing outside them; nothing from elsewhere")
    void assets() throws Exception {
        String[][] files = {
            {"/assets/app.js", "javascript"}, {"/assets/view.js", "javascript"}, {"/assets/format.js", "javascript"},
            {"/assets/stream.js", "javascript"}, {"/assets/live.css", "text/css"}, {"/assets/icon.svg", "image/svg+xml"},
        };
        for (String[] f : files) {
            HttpResponse<String> r = get(f[0]);
            assertEquals(200, r.statusCode(), f[0]);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").contains(f[1]), f[0]);
            assertTrue(!r.body().contains("http://") && !r.body().contains("https://") || f[0].endsWith(".svg"),
                    f[0] + " refers to another origin (no CDN, no external fonts)");
        }
        assertEquals(404, get("/assets/nope.js").statusCode());
        assertEquals(404, get("/assets/%2e%2e/%2e%2e/io/ccpulse/web/LivePage.class").statusCode());
        assertEquals(404, get("/assets/").statusCode());
        assertEquals(404, get("/index.htm").statusCode());
    }

    @Test
    @DisplayName("guards the stream with the read guard (access_token parameter for EventSource)")
    void guarded() throws Exception {
        assertEquals(401, SseClient.open(server.base() + LiveStream.PATH, null).status());
        assertEquals(401, SseClient.open(server.base() + LiveStream.PATH + "?access_token=wrong", null).status());
        try (SseClient ok = SseClient.open(server.base() + LiveStream.PATH + "?access_token=" + TestServer.TOKEN, null)) {
            assertEquals(200, ok.status());
        }
    }
}
