package dev.tripline.ingest;

/**
 * Rejection reasons travel in {@link Outcome.Rejected} as one string, {@code "category: detail"}; the
 * listener gets them apart. Categories are short and stable so runs can be counted by reason.
 */
final class Reasons {
    static final String INVALID_JSON = "invalid JSON";
    static final String INVALID_UTF8 = "invalid UTF-8";
    static final String NOT_AN_OBJECT = "not a JSON object";
    static final String TOO_LARGE = "record too large";
    static final String MISSING_TIME = "missing time";
    static final String UNPARSEABLE_TIME = "unparseable time";
    static final String MISSING_IMAGE = "missing image";
    static final String MISSING_COMMAND_LINE = "missing command line";
    static final String NORMALIZER_FAILED = "normalizer failed";
    static final String UNKNOWN_SHAPE = "unknown shape";

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

    static String notProcessCreation(String source, Object what) {
        return "not a process creation (" + source + " " + what + ")";
    }
}
