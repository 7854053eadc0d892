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

    /** One line naming the failure: its type and message, escaped for the terminal. */
    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + TerminalText.escape(t.getMessage()) + "); raise the heap with -Xmx or split the input";
        }
        if (t instanceof StackOverflowError) return "stack overflow (input nested too deeply)";
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        return TerminalText.escape(m == null || m.isBlank() ? name : name + ": " + m.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
