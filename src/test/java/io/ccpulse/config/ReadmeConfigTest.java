package io.ccpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration example of README.md is a configuration the service accepts, meaning what it says. */
@DisplayName("README's configuration example")
class ReadmeConfigTest {

    @Test
    @DisplayName("loads, and its values are the ones written there")
    void readmeExampleLoads(@TempDir Path dir) throws IOException {
        Path root = Path.of(System.getProperty("ccpulse.repo.root", "."));
        String readme = Files.readString(root.resolve("README.md"));
        int section = readme.indexOf("\n## Configuration");
        assertTrue(section > 0, "README has a Configuration section");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = readme.indexOf("```", start);
        String yaml = readme.substring(start, end);
        Path file = dir.resolve("ccpulse.yml");
        Files.writeString(file, yaml);

        Config c = Config.load(file, Map.of());

        assertEquals(30, c.settings().queue("billing").slThresholdS(Channel.VOICE), "billing's own voice threshold");
        assertEquals(30, c.settings().queue("billing").slThresholdS(Channel.CHAT), "billing's chat from the defaults");
        assertEquals(0.80, c.settings().queue("billing").slTarget());
        assertEquals(Duration.ofMinutes(5), c.settings().allowedLateness());
        assertEquals(Duration.ofDays(90), c.retention().rawEvents());
        assertEquals(Duration.ofHours(1), c.retention().interval());
    }
}
