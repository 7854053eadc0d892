package dev.tripline.ingest;

/**
 * Rejection reasons travel in {@link Outcome.Rejected} as one string, {@code "category: detail"}; the
 * listener gets them apart. Categories are short and stable so runs can be counted by reason.
 */
final class Reasons {
    static final String INVALID_JSON = "invalid JSON";
    static final String INVALID_UTF8 = "invalid UTF-8";
    static final String INVALID_UTF16 = "invalid UTF-16";
    static final String LONE_SURROGATE = "invalid Unicode";
    static final String INVALID_EVENT_ID = "invalid event id";
    static final String IMPLAUSIBLE_TIME = "implausible time";
    static final String NOT_AN_OBJECT = "not a JSON object";
    static final String TOO_LARGE = "record too large";
    static final String MISSING_TIME = "missing time";
    static final String UNPARSEABLE_TIME = "unparseable time";
    static final String MISSING_IMAGE = "missing image";
    static final String MISSING_COMMAND_LINE = "missing command line";
    static final String NORMALIZER_FAILED = "normalizer failed";
    static final String UNKNOWN_SHAPE = "unknown shape";
    static final String MISSING_LOGON_TYPE = "missing logon type";
    static final String UNPARSEABLE_LOGON_TYPE = "unparseable logon type";
    static final String MISSING_LOGON_ID = "missing logon id";
    static final String MISSING_SERVICE_NAME = "missing service name";
    static final String DAMAGED_EVTX_CHUNK = "damaged evtx chunk";
    static final String DAMAGED_EVTX_RECORD = "damaged evtx record";

    private static final int MAX_DETAIL = 200;
    private static final String SEPARATOR = ": ";

    private Reasons() {}

    static String of(String category, String detail) {
        return detail == null ? category : category + SEPARATOR + abbreviate(detail);
    }

    static String category(String reason) {
        int cut = reason.indexOf(SEPARATOR);
        return cut < 0 ? reason : reason.substring(0, cut);
    }

    static String detail(String reason) {
        int cut = reason.indexOf(SEPARATOR);
        return cut < 0 ? "" : reason.substring(cut + SEPARATOR.length());
    }

    /** Details quote record text, which can be megabytes: keep the start. */
    static String abbreviate(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }

    /** A valid record of an event no shape reads: {@code "not an event Tripline uses (Security 4625)"}. */
    static String notUsed(String what) {
        return "not an event Tripline uses (" + what + ")";
    }

    /**
     * Why a shape skips a Windows event that is not its own: {@code "not a logon (Security 4688)"} when another
     * shape reads that event (only a forced {@code --schema} gets it here), else {@link #notUsed}.
     */
    static String otherEvent(String kind, WinEvent e) {
        String what = e.label();
        return READ_BY_SOME_SHAPE.contains(what) ? "not a " + kind + " (" + what + ")" : notUsed(what);
    }

    /** The Windows events some shape turns into facts, as {@link WinEvent#label()} names them. */
    private static final java.util.Set<String> READ_BY_SOME_SHAPE = java.util.Set.of(
            "Sysmon " + SysmonProcessCreate.PROCESS_CREATE,
            "Security " + Security4688Normalizer.PROCESS_CREATION,
            "Security " + Security4624Normalizer.LOGON,
            "Security " + Security4672Normalizer.SPECIAL_PRIVILEGES,
            "Security " + Security4697Normalizer.SERVICE_INSTALLED,
            "System " + System7045Normalizer.SERVICE_INSTALLED);
}
