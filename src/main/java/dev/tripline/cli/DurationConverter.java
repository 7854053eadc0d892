package dev.tripline.cli;

import dev.tripline.pipeline.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** picocli's side of {@link Durations}: 30s, 5m, 1h, 2d. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
