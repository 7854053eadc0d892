package dev.tripline.output;

import java.time.Instant;

/**
 * An epoch-millisecond time as {@link Instant#toString()} writes it ({@code 2024-03-05T09:00:00Z},
 * {@code 2024-03-05T09:00:00.250Z}), without its formatter: alerts carry four or more times each, and with every
 * Sigma rule loaded {@code Instant.toString} was 6% of the session thread. Years outside 0000–9999 (which
 * {@code Instant} writes with a sign) are left to {@code Instant}.
 */
public final class IsoTime {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch milliseconds. */
    private static final long FIRST = -62_167_219_200_000L, END = 253_402_300_800_000L;

    private IsoTime() {}

    public static String format(long epochMillis) {
        if (epochMillis < FIRST || epochMillis >= END) return Instant.ofEpochMilli(epochMillis).toString();
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int ms = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int dayOfMonth = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        int millis = ms % 1000, secs = ms / 1000;
        char[] c = new char[millis == 0 ? 20 : 24];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, month, 2);
        c[7] = '-';
        digits(c, 8, dayOfMonth, 2);
        c[10] = 'T';
        digits(c, 11, secs / 3600, 2);
        c[13] = ':';
        digits(c, 14, secs / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secs % 60, 2);
        if (millis != 0) {
            c[19] = '.';
            digits(c, 20, millis, 3);
        }
        c[c.length - 1] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
