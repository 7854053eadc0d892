package dev.tripline.cli;

import picocli.CommandLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in time for {@code --since}/{@code --until}: {@code 2024-03-05T09:00:00Z}, {@code 2024-03-05T11:00:00+02:00},
 * {@code 2024-03-05T09:00} or {@code 2024-03-05 09:00:00} (no zone means UTC, as event times do), or a date
 * {@code 2024-03-05} (its midnight UTC). Epoch milliseconds out.
 */
public final class TimeConverter implements CommandLine.ITypeConverter<Long> {
    @Override public Long convert(String value) {
        String v = value.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
                    } catch (DateTimeParseException e) {
                        throw new CommandLine.TypeConversionException("'" + value
                                + "' is not a time (e.g. 2024-03-05T09:00:00Z, 2024-03-05 09:00, 2024-03-05)");
                    }
                }
            }
        }
    }
}
