package dev.tripline.cli;

/** What Tripline's exit status means; scripts and CI systems branch on these. */
public final class ExitCodes {
    /** The run completed (rejected lines are counted in the summary, not an error). */
    public static final int OK = 0;
    /** Bad options or arguments (picocli's own usage-error code). */
    public static final int USAGE = 2;
    /** The rules do not compile or their data files are invalid; each problem is printed as file:line. */
    public static final int RULES_INVALID = 3;
    /** An input could not be read (missing, permission denied, corrupt gzip); the others were still processed. */
    public static final int INPUT_UNREADABLE = 4;
    /** {@code --strict} and a line was rejected. */
    public static final int STRICT_REJECTED = 5;
    /** A check failed: a fixture scenario did not produce its expected alerts, or validation found problems. */
    public static final int CHECK_FAILED = 6;
    /** A --context or --allowlist file cannot be used; the message names the file and entry. */
    public static final int CONTEXT_INVALID = 7;
    /**
     * An internal error (an unexpected exception, out of memory, alerts that cannot be written): one line on
     * stderr (the stack trace with {@code --debug}), after the run summary and the alerts already produced.
     * 70 is sysexits' EX_SOFTWARE; exit 1 is never used.
     */
    public static final int INTERNAL_ERROR = 70;
    /** KIE Server (--kie-server, kie deploy) cannot be reached, or the URL is not a KIE Server REST API. */
    public static final int KIE_UNREACHABLE = 20;
    /** KIE Server refused the credentials (HTTP 401/403): --kie-user, TRIPLINE_KIE_PASSWORD, role kie-server. */
    public static final int KIE_UNAUTHORIZED = 21;
    /** KIE Server has no started container by the given id. */
    public static final int KIE_NO_CONTAINER = 22;
    /** The KIE Server container failed to run a batch (a rule or command threw, or it could not read the input) or to deploy. */
    public static final int KIE_SERVER_ERROR = 23;

    private ExitCodes() {}
}
