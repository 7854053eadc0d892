package dev.tripline.cli;

import dev.tripline.output.TerminalText;

/**
 * A small heap reserve released when memory runs out, so the run summary, the alerts already produced and the
 * one-line error can still be written after an {@link OutOfMemoryError}.
 */
final class Emergency {
    private static volatile byte[] reserve = new byte[8 << 20];

    private Emergency() {}

    static void release() { reserve = null; }

    /** Whether the reserve is still held (tests). */
    static boolean holding() { return reserve != null; }

    /** The OutOfMemoryError behind {@code t}, also when a library wrapped it (Drools wraps errors thrown in a constraint); or null. */
    static OutOfMemoryError outOfMemory(Throwable t) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError oom) return oom;
        }
        return null;
    }

    /** One line naming the failure: its type and message, escaped for the terminal. */
    static String describe(Throwable t) {
        OutOfMemoryError oom = outOfMemory(t);
        if (oom != null) {
            return "out of memory (" + TerminalText.escape(oom.getMessage()) + "); raise the heap with -Xmx (TRIPLINE_JAVA_OPTS)"
                    + " or lower --max-state (see README, memory)";
        }
        if (t instanceof StackOverflowError) return "stack overflow (input nested too deeply)";
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        return TerminalText.escape(m == null || m.isBlank() ? name : name + ": " + m.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
