package io.ccpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.settings.AbandonMode;
import io.ccpulse.domain.settings.FcrScope;
import io.ccpulse.domain.settings.QueueSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigTest {

    @TempDir
    Path dir;

    private static final Map<String, String> MINIMAL = Map.of("CCPULSE_DB_USER", "u", "CCPULSE_INGEST_TOKENS", "pbx:secret");

    private Config load(String yaml, Map<String, String> env) throws IOException {
        Path f = dir.resolve("c.yml");
        Files.writeString(f, yaml);
        return Config.load(f, env);
    }

    @Test
    @DisplayName("Defaults follow METRICS.md and the issue: port 8080, lateness 5 min, UTC, SL 20/30/86400/3600 s, target 0.8")
    void defaults() {
        Config c = Config.load(null, MINIMAL);
        assertEquals(8080, c.http().port());
        assertEquals(Duration.ofMinutes(5), c.settings().allowedLateness());
        assertEquals(ZoneId.of("UTC"), c.settings().zone());
        QueueSettings q = c.settings().queue("anything");
        assertEquals(20, q.slThresholdS(Channel.VOICE));
        assertEquals(30, q.slThresholdS(Channel.CHAT));
        assertEquals(86_400, q.slThresholdS(Channel.EMAIL));
        assertEquals(3_600, q.slThresholdS(Channel.MESSAGING));
        assertEquals(0.80, q.slTarget());
        assertEquals(AbandonMode.IGNORE, q.abandonMode());
        assertEquals(5, q.shortAbandonS());
        assertEquals(600, q.acwCapS());
        assertEquals(Duration.ofDays(7), q.fcrWindow());
        assertEquals(FcrScope.ANY_QUEUE, q.fcrScope());
        assertEquals(4, q.csatPositiveMin());
        assertEquals(30, q.frtTargetS());
        assertEquals(Map.of("pbx", "secret"), c.auth().ingestTokens());
    }

    @Test
    @DisplayName("Per-queue settings override the defaults, which override the built-in values; the environment overrides the file")
    void layering() throws IOException {
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.put("CCPULSE_HTTP_PORT", "9000");
        Config c = load("http:\n  port: 7000\ntime_zone: Europe/Berlin\ningest:\n  allowed_lateness: 90s\n"
                + "queues:\n  defaults:\n    sl_target: 0.9\n    sl_threshold_s: {voice: 15}\n"
                + "  billing:\n    sl_threshold_s: {voice: 30}\n    sl_abandon_mode: positive\n    fcr_window: 2d\n", env);
        assertEquals(9000, c.http().port());
        assertEquals(ZoneId.of("Europe/Berlin"), c.settings().zone());
        assertEquals(Duration.ofSeconds(90), c.settings().allowedLateness());
        assertEquals(15, c.settings().queue("tech").slThresholdS(Channel.VOICE));
        assertEquals(0.9, c.settings().queue("tech").slTarget());
        QueueSettings billing = c.settings().queue("billing");
        assertEquals(30, billing.slThresholdS(Channel.VOICE));
        assertEquals(30, billing.slThresholdS(Channel.CHAT));
        assertEquals(0.9, billing.slTarget());
        assertEquals(AbandonMode.POSITIVE, billing.abandonMode());
        assertEquals(Duration.ofDays(2), billing.fcrWindow());
    }

    static Stream<Arguments> wrongSettings() {
        return Stream.of(
                Arguments.of("http:\n  port: eighty\n", "http.port", "not a whole number"),
                Arguments.of("http:\n  port: 70000\n", "http.port", "out of range"),
                Arguments.of("http:\n  prot: 80\n", "http.prot", "unknown setting"),
                Arguments.of("colour: blue\n", "colour", "unknown setting"),
                Arguments.of("database:\n  url: mysql://x\n", "database.url", "jdbc:postgresql"),
                Arguments.of("ingest:\n  allowed_lateness: soon\n", "ingest.allowed_lateness", "not a duration"),
                Arguments.of("time_zone: Mars/Olympus\n", "time_zone", "not a time zone"),
                Arguments.of("queues:\n  billing:\n    sl_target: 1.5\n", "queues.billing.sl_target", "out of range"),
                Arguments.of("queues:\n  billing:\n    sl_abandon_mode: sometimes\n", "queues.billing.sl_abandon_mode",
                        "ignore, negative, positive, answered_only"),
                Arguments.of("queues:\n  billing:\n    sl_threshold_s: {fax: 10}\n", "queues.billing.sl_threshold_s.fax",
                        "unknown channel"),
                Arguments.of("queues:\n  defaults:\n    fcr_scope: galaxy\n", "queues.defaults.fcr_scope", "any_queue, same_queue"),
                Arguments.of("auth:\n  read_open: false\n", "auth.read_tokens", "required when auth.read_open is false"),
                Arguments.of("- a list\n", "c.yml", "mapping"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongSettings")
    @DisplayName("A wrong setting stops loading with a message naming the setting and the problem")
    void wrong(String yaml, String setting, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml, MINIMAL));
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    @DisplayName("Missing database user or (for the service) ingest token is named")
    void missing() {
        ConfigException user = assertThrows(ConfigException.class,
                () -> Config.load(null, Map.of("CCPULSE_INGEST_TOKENS", "a:b")));
        assertTrue(user.getMessage().contains("database.user: is required"), user.getMessage());
        // migrate and rollups need only the database settings; the service refuses to start without a token
        Config dbOnly = Config.load(null, Map.of("CCPULSE_DB_USER", "u"));
        assertEquals("u", dbOnly.database().user());
        ConfigException token = assertThrows(ConfigException.class, dbOnly::requireIngestTokens);
        assertTrue(token.getMessage().contains("auth.ingest_tokens"), token.getMessage());
        ConfigException service = assertThrows(ConfigException.class, () -> new io.ccpulse.app.Service(dbOnly));
        assertTrue(service.getMessage().contains("auth.ingest_tokens"), service.getMessage());
        ConfigException file = assertThrows(ConfigException.class, () -> Config.load(dir.resolve("nope.yml"), MINIMAL));
        assertTrue(file.getMessage().contains("cannot read file"), file.getMessage());
    }

    @Test
    @DisplayName("Several ingest tokens from the environment, named or not")
    void tokens() {
        Config c = Config.load(null, Map.of("CCPULSE_DB_USER", "u", "CCPULSE_INGEST_TOKENS", "pbx:one, chat:two,three"));
        assertEquals(Map.of("pbx", "one", "chat", "two", "token-3", "three"), c.auth().ingestTokens());
    }

    @Test
    @DisplayName("serve with a wrong setting exits 2 and names the setting on stderr")
    void serveStopsOnWrongSetting() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.ccpulse.cli.Main", "serve");
        pb.environment().keySet().removeIf(k -> k.startsWith("CCPULSE_"));
        pb.environment().put("CCPULSE_DB_USER", "u");
        pb.environment().put("CCPULSE_INGEST_TOKENS", "a:b");
        pb.environment().put("CCPULSE_TIME_ZONE", "Nowhere/Land");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("configuration error: time_zone: 'Nowhere/Land' is not a time zone"), out);
    }

    @Test
    @DisplayName("Write queue and engine inbox capacities default from the heap and can be set")
    void capacities() throws IOException {
        assertEquals(40_960, Config.defaultQueueCapacity(320L << 20));
        assertEquals(20_480, Config.defaultEngineInboxCapacity(320L << 20));
        assertEquals(10_000, Config.defaultQueueCapacity(32L << 20));
        assertEquals(5_000, Config.defaultEngineInboxCapacity(32L << 20));
        assertEquals(200_000, Config.defaultQueueCapacity(8L << 30));
        assertEquals(50_000, Config.defaultEngineInboxCapacity(8L << 30));
        long heap = Runtime.getRuntime().maxMemory();
        Config d = Config.load(null, MINIMAL);
        assertEquals(Config.defaultQueueCapacity(heap), d.ingest().queueCapacity());
        assertEquals(Config.defaultEngineInboxCapacity(heap), d.ingest().engineInboxCapacity());
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.put("CCPULSE_ENGINE_INBOX_CAPACITY", "300");
        assertEquals(300, Config.load(null, env).ingest().engineInboxCapacity());
        assertEquals(1234, load("ingest:\n  engine_inbox_capacity: 1234\n", MINIMAL).ingest().engineInboxCapacity());
        assertThrows(ConfigException.class, () -> load("ingest:\n  engine_inbox_capacity: 5\n", MINIMAL));
    }
}
