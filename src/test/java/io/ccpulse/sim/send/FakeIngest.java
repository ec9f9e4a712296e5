package io.ccpulse.sim.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A tiny HTTP server for POST /v1/events whose answers the test scripts. */
public final class FakeIngest implements AutoCloseable {

    /** One scripted answer. */
    public record Answer(int status, String retryAfter, String body) {
        public static Answer ok(int received) {
            return new Answer(200, null, "{\"received\":" + received + ",\"accepted\":" + received
                    + ",\"duplicates\":0,\"rejected\":[],\"late\":[]}");
        }
    }

    /** What arrived. */
    public record Request(String contentType, String authorization, String body, long receivedAtMs) {
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (String l : body.split("\n")) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;

    public FakeIngest(int port, Function<Request, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/events", exchange -> handle(exchange, script));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, Function<Request, Answer> script) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request r = new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body, System.currentTimeMillis());
        requests.add(r);
        Answer a = script.apply(r);
        if (a.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
