package io.ccpulse.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The single daemon thread of a periodic job of the service (retention, FCR settling, day scores). */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    /** A one-thread scheduler whose daemon thread has this name (so a job never keeps the JVM alive). */
    public static ScheduledExecutorService named(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
