package dev.tripline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process is attached to, decided once: whether stdout and stderr are terminals, and the environment
 * variables that change what a terminal gets ({@code NO_COLOR}, {@code CI}, {@code TERM}).
 */
public record Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal, Map<String, String> env) {

    /**
     * The real one. Java 17 only knows that {@code System.console()} is non-null (stdin and stdout are
     * terminals); on Linux, {@code /proc/self/fd/N} tells each stream apart, so a redirected stderr is seen too.
     */
    public static Terminal detect() {
        boolean console = System.console() != null;
        return new Terminal(console && isTty(1), console && isTty(2), System.getenv());
    }

    /** Neither stream is a terminal (tests, pipes). */
    public static Terminal none() { return new Terminal(false, false, Map.of()); }

    private static boolean isTty(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (!Files.isSymbolicLink(link)) return true; // no /proc: trust System.console()
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception e) {
            return true;
        }
    }

    /** {@code NO_COLOR} set to anything but the empty string (no-color.org). */
    public boolean noColorRequested() {
        String v = env.get("NO_COLOR");
        return v != null && !v.isEmpty();
    }

    /** Running under CI ({@code CI} set, as every CI service does). */
    public boolean underCi() {
        String v = env.get("CI");
        return v != null && !v.isEmpty() && !v.equalsIgnoreCase("false");
    }

    /** {@code TERM=dumb}: a terminal that cannot move the cursor or colour. */
    public boolean dumb() { return "dumb".equals(env.get("TERM")); }
}
