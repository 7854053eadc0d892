package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2020-06-10 02:51:04.728,         2020-06-10T02:51:04.728Z",
            "2022-08-31 19:18:42.174707,      2022-08-31T19:18:42.174Z",
            "2022-05-13T08:54:08.4200000Z,    2022-05-13T08:54:08.420Z",
            "2020-06-10T02:51:05.723Z,        2020-06-10T02:51:05.723Z",
            "2020-06-09 22:51:04,             2020-06-09T22:51:04Z",
            "2023-01-01T12:00:00+02:00,       2023-01-01T10:00:00Z",
            "2023-01-01T12:00:00.5-0530,      2023-01-01T17:30:00.500Z",
            "2024-02-29T23:59:59.999999999Z,  2024-02-29T23:59:59.999Z",
            "1969-12-31T23:59:59Z,            1969-12-31T23:59:59Z"})
    void windowsExporterFormatsParseAsUtcUnlessTheyCarryAZone(String text, String expected) {
        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "yesterday", "2021-02-30 00:00:00", "2021-13-01T00:00:00Z", "2021-01-01T24:00:00Z",
            "2021-01-01T10:00:00.Z", "2021-01-01T10:00:00Zjunk", "2021-01-01T10:00:00.1234567890Z", "2021/01/01 10:00:00"})
    void malformedTimesAreInvalidNotGuessed(String text) {
        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(Timestamps.INVALID);
    }

    @Test
    void nullIsInvalid() {
        assertThat(Timestamps.parseEpochMillis(null)).isEqualTo(Timestamps.INVALID);
    }
}
