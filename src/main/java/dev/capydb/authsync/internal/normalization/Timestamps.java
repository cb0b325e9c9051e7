package dev.capydb.authsync.internal.normalization;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Timestamps as providers send them. */
final class Timestamps {

    /**
     * RFC 3339 date-time: {@code T} (or {@code t}) between date and time, optional fraction of a
     * second, and {@code Z} (or {@code z}) or a numeric offset.
     */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT); // 2025-02-30 is an error, not February 28

    private Timestamps() {
    }

    /** The instant, or {@code null} when the text is not an RFC 3339 date-time. */
    static Instant parseRfc3339(String text) {
        try {
            return OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
