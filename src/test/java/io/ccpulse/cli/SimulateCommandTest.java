package io.ccpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.sim.send.FakeIngest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private FakeIngest server;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        if (server != null) {
            server.close();
        }
    }

    private int run(Map<String, String> env, StringWriter usageErr, String... args) {
        CommandLine cl = new CommandLine(new SimulateCommand(env));
        cl.setErr(new PrintWriter(usageErr, true));
        return cl.execute(args);
    }

    @Test
    @DisplayName("A short replay posts every event with the token from CCPULSE_DEMO_TOKEN and exits 0")
    void replayExitsZero() throws Exception {
        server = new FakeIngest(0, r -> FakeIngest.Answer.ok(r.lines().size()));
        int code = run(Map.of("CCPULSE_DEMO_TOKEN", "from-env"), new StringWriter(), "--url",
                "http://127.0.0.1:" + server.port() + "/", "--start", "2026-11-23T09:00:00Z", "--duration", "15m",
                "--speed", "max", "--center-size", "small", "--zone", "UTC", "--seed", "8");
        assertEquals(0, code, errBytes.toString(StandardCharsets.UTF_8));
        assertTrue(server.requests.size() > 0);
        assertEquals("Bearer from-env", server.requests.get(0).authorization());
        String out = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("small center") && out.contains("(done)"), out);
    }

    @Test
    @DisplayName("401 from the server: exit code 3 and a message that says what to fix")
    void unauthorizedExitsNonZero() throws Exception {
        server = new FakeIngest(0, r -> new FakeIngest.Answer(401, null, "{\"error\":\"unknown token\"}"));
        int code = run(Map.of(), new StringWriter(), "--url", "http://127.0.0.1:" + server.port(), "--token", "nope",
                "--start", "2026-11-23T09:00:00Z", "--duration", "1h", "--speed", "max", "--zone", "UTC");
        assertEquals(SimulateCommand.EXIT_UNAUTHORIZED, code);
        assertEquals("Bearer nope", server.requests.get(0).authorization());
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("401") && err.contains("--token"), err);
    }

    @Test
    @DisplayName("Bad options are refused with exit code 2 before anything is sent")
    void badOptions() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(Map.of(), err, "--speed", "fast"));
        assertTrue(err.toString().contains("--speed"), err.toString());
        assertEquals(2, run(Map.of(), new StringWriter(), "--duration", "forever"));
        assertEquals(2, run(Map.of(), new StringWriter(), "--start", "tomorrow-ish"));
        assertEquals(2, run(Map.of(), new StringWriter(), "--center-size", "huge"));
        assertEquals(2, run(Map.of(), new StringWriter(), "--batch-max", "0"));
        assertEquals(2, run(Map.of(), new StringWriter(), "--zone", "Mars/Olympus"));
    }

    @Test
    @DisplayName("Durations, start times, speeds and the URL are read in their usual spellings")
    void parsing() {
        SimulateCommand c = new SimulateCommand(Map.of());
        new CommandLine(c);
        assertEquals(Duration.ofMinutes(90), c.duration("90m"));
        assertEquals(Duration.ofDays(1), c.duration("1d"));
        assertEquals(Duration.ofHours(2), c.duration("PT2H"));
        assertEquals(Duration.ofSeconds(45), c.duration("45s"));
        assertEquals(Double.POSITIVE_INFINITY, c.speed("max"));
        assertEquals(60.0, c.speed("60"));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant now = Instant.parse("2026-11-24T10:15:30.123456Z");
        assertEquals(Instant.parse("2026-11-24T10:15:30.123Z"), c.start("now", berlin, now));
        assertEquals(Instant.parse("2026-11-23T23:00:00Z"), c.start("today", berlin, now));
        assertEquals(Instant.parse("2026-11-22T23:00:00Z"), c.start("yesterday", berlin, now));
        assertEquals(Instant.parse("2026-11-19T23:00:00Z"), c.start("2026-11-20", berlin, now));
        assertEquals(Instant.parse("2026-11-20T07:00:00Z"), c.start("2026-11-20T08:00", berlin, now));
        assertEquals(Instant.parse("2026-11-20T08:00:00Z"), c.start("2026-11-20T08:00:00Z", berlin, now));
        assertEquals(Instant.parse("2026-11-20T06:00:00Z"), c.start("2026-11-20T08:00:00+02:00", berlin, now));
        assertEquals("http://h:1/v1/events", SimulateCommand.eventsUri("http://h:1/").toString());
        assertEquals("http://h:1/v1/events", SimulateCommand.eventsUri("http://h:1/v1/events").toString());
    }

    @Test
    @DisplayName("Main lists simulate among its subcommands")
    void registeredInMain() {
        assertTrue(new CommandLine(new Main()).getSubcommands().containsKey("simulate"));
    }
}
