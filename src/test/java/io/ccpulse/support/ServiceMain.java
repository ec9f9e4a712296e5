package io.ccpulse.support;

import io.ccpulse.app.Service;
import io.ccpulse.config.Config;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The real service as a separate process for tests that kill it ({@code kill -9}): configured from
 * the environment like {@code ccpulse serve}, with the live view's clock fixed at
 * {@code CCPULSE_TEST_CLOCK} (an instant) when set, so that two services can be compared number by
 * number. Prints {@code listening on port N} when ready.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.load(null, System.getenv());
        String at = System.getenv("CCPULSE_TEST_CLOCK");
        Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
        Service service = new Service(config, clock);
        int port = service.start();
        System.out.println("recovery " + service.recovery());
        System.out.println("listening on port " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
