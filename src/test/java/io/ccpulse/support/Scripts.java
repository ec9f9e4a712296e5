package io.ccpulse.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the project's own scripts under scripts/. */
public final class Scripts {

    private Scripts() {
    }

    public static File repoRoot() {
        return new File(System.getProperty("ccpulse.repo.root", ".")).getAbsoluteFile();
    }

    /** Runs {@code scripts/NAME args...}; fails with its output when it exits non-zero. */
    public static String run(String name, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(new File(repoRoot(), "scripts/" + name).getPath());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " exited " + p.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
