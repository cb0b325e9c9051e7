package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2025-01-15T10:30:00Z,              2025-01-15T10:30:00Z",
        "2025-01-15T10:30:00.000Z,          2025-01-15T10:30:00Z",
        "2025-01-15T10:30:00.123Z,          2025-01-15T10:30:00.123Z",
        "2025-01-15T10:30:00.123456789Z,    2025-01-15T10:30:00.123456789Z",
        "2025-01-15T12:30:00+02:00,         2025-01-15T10:30:00Z",
        "2025-01-15T05:00:00.5-05:30,       2025-01-15T10:30:00.5Z",
        "2025-01-15t10:30:00z,              2025-01-15T10:30:00Z",
        "2024-02-29T23:59:59.999+00:00,     2024-02-29T23:59:59.999Z",
    })
    void parsesRfc3339(String text, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parseRfc3339(text));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "", "yesterday", "2025-01-15", "2025-01-15T10:30:00", "2025-01-15 10:30:00Z", "2025-13-01T00:00:00Z",
        "2025-01-15T10:30:00+0200", "1736937000000", "2025-02-30T10:30:00Z"
    })
    void refusesWhatIsNotAnRfc3339DateTime(String text) {
        assertNull(Timestamps.parseRfc3339(text));
    }
}
