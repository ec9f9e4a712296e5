package io.ccpulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.support.Chromium;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page of the real service in real headless Chromium: events posted to the service
 * show up on the page with the values worked out by hand.
 */
@Tag("integration")
@Tag("browser")
class LivePageRealServiceIT {

    private static String ev(String id, String type, Instant t, String fields) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"time\":\"" + t + "\"," + fields + "}";
    }

    @Test
    @DisplayName("Events sent to the real service change the numbers on the live page to the expected values")
    void pageFollowsEvents() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db); Chromium chromium = Chromium.start()) {
            svc.http.postEvents("[" + ev("p-1", "agent.login", now.minusSeconds(60),
                    "\"agent\":\"a-1\",\"team\":\"t1\",\"queues\":[\"billing\"]") + ","
                    + ev("p-2", "contact.queued", now.minusSeconds(30), "\"contact\":\"c-1\",\"channel\":\"voice\",\"queue\":\"billing\"") + ","
                    + ev("p-3", "contact.queued", now.minusSeconds(30), "\"contact\":\"c-2\",\"channel\":\"voice\",\"queue\":\"billing\"") + "]");
            chromium.driver.get("http://127.0.0.1:" + svc.service.port() + "/?queue=billing");
            // two waiting, one agent available, nothing answered yet
            await(chromium, "waiting", "2");
            assertEquals("1", field(chromium, "available"));

            // c-1 answered after 10 s (within 20 s): SL 1/1, ASA 10 s, nobody available
            svc.http.postEvents(ev("p-4", "contact.answered", now.minusSeconds(20), "\"contact\":\"c-1\",\"agent\":\"a-1\""));
            await(chromium, "waiting", "1");
            await(chromium, "sl-15m", "100%");
            assertEquals("10 s", field(chromium, "asa"));
            assertEquals("0", field(chromium, "available"));

            // c-2 gives up after 25 s (not short, not within 20 s): SL 1 / (2 - 0) = 50 %, abandon rate 1 / 2
            svc.http.postEvents(ev("p-5", "contact.abandoned", now.minusSeconds(5), "\"contact\":\"c-2\""));
            await(chromium, "waiting", "0");
            await(chromium, "sl-15m", "50%");
            assertEquals("50%", field(chromium, "abandon-rate"));
            assertEquals("2", field(chromium, "offered"));
            Path shot = chromium.driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "screenshots", "live-page-real-service.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String field(Chromium c, String name) {
        WebElement tile = c.driver.findElement(By.cssSelector("li[data-queue='billing'][data-channel='voice']"));
        String s = tile.findElement(By.cssSelector("[data-field='" + name + "']")).getDomProperty("textContent");
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static void await(Chromium c, String name, String expected) {
        new WebDriverWait(c.driver, Duration.ofSeconds(5), Duration.ofMillis(50))
                .ignoring(RuntimeException.class)
                .withMessage(() -> name + " did not become " + expected)
                .until(d -> expected.equals(field(c, name)));
    }
}
