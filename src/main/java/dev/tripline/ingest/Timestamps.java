package dev.tripline.ingest;

/**
 * Parses the timestamps Windows log exporters write, without regex or DateTimeFormatter (this runs once per
 * event): {@code 2020-06-10 02:51:04.728}, {@code 2022-08-31 19:18:42.174707}, {@code 2022-05-13T08:54:08.4200000Z},
 * {@code 2023-01-01T12:00:00+02:00}. A time without a zone means UTC, as Sysmon's UtcTime and evtx TimeCreated do.
 */
final class Timestamps {
    /** Returned for text that is not a timestamp; no real event is that old. */
    static final long INVALID = Long.MIN_VALUE;

    private Timestamps() {}

    /** Epoch milliseconds, or {@link #INVALID}. */
    static long parseEpochMillis(String s) {
        if (s == null) return INVALID;
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':') return INVALID;
        char sep = s.charAt(10);
        if (sep != 'T' && sep != ' ' && sep != 't') return INVALID;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59) return INVALID;
        int i = 16, second = 0, millis = 0;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            if (second < 0 || second > 60) return INVALID; // 60: a leap second, as some exporters write it
            i += 3;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                int start = ++i;
                while (i < n && isDigit(s.charAt(i))) i++;
                int len = i - start;
                if (len == 0 || len > 9) return INVALID;
                for (int k = 0; k < 3; k++) millis = millis * 10 + (k < len ? s.charAt(start + k) - '0' : 0);
            }
        }
        int offsetMinutes = 0;
        if (i < n) {
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i + 1 == n) {
                i++;
            } else if (z == '+' || z == '-') {
                int oh = digits(s, i + 1, 2), om;
                int rest = n - (i + 3);
                if (rest == 0) om = 0;
                else if (rest == 3 && s.charAt(i + 3) == ':') om = digits(s, i + 4, 2);
                else if (rest == 2) om = digits(s, i + 3, 2);
                else return INVALID;
                if (oh < 0 || oh > 18 || om < 0 || om > 59) return INVALID;
                offsetMinutes = (z == '-' ? -1 : 1) * (oh * 60 + om);
            } else {
                return INVALID;
            }
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        long secs = days * 86_400 + hour * 3_600L + minute * 60L + second - offsetMinutes * 60L;
        return secs * 1_000 + millis;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) return -1;
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
