package dev.tripline.kie;

/**
 * A KIE Server call failed; {@link #problem()} says how, the message says it in words (with the server's own message
 * where it sent one). Unchecked, so it can end a batch run from inside the replay.
 */
public final class KieServerException extends RuntimeException {
    /** What went wrong, one exit code each. */
    public enum Problem {
        /** No answer: connection refused, unknown host, timeout, TLS failure. */
        UNREACHABLE,
        /** 401/403: wrong user or password, or the user lacks the role {@code kie-server}. */
        UNAUTHORIZED,
        /** The server answered, but has no container by that id (or it is not started). */
        NO_CONTAINER,
        /** The container ran the batch and failed: a rule or command threw, or the server could not read the input. */
        SERVER_ERROR,
        /** The answer is not what KIE Server sends (wrong URL, a proxy's error page). */
        PROTOCOL
    }

    private final Problem problem;

    public KieServerException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public KieServerException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() { return problem; }
}
