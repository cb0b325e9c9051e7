package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.internal.normalization.NormalizedEvent.Kind;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Subject;
import jakarta.json.JsonObject;

/**
 * Banata Auth: {@code {"event", "timestamp", "data"}} with a Better Auth-shaped object in
 * {@code data}: a user for the user events ({@code user.banned} and {@code user.unbanned} update
 * the row, the ban showing in {@code raw}), an organization for {@code organization.*}, a member for
 * {@code member.*}. Session, invitation and security events are not mirrored.
 */
public final class BanataNormalizer implements Normalizer {

    private static final Envelope ENVELOPE = new Envelope("event", Envelope.TimestampFormat.RFC_3339);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, event -> switch (event) {
            case "user.banned", "user.unbanned" -> new Envelope.Meaning(Subject.USER, Kind.UPDATED);
            default -> Envelope.banataEvent(event);
        }, BetterAuthNormalizer.SHAPES);
    }
}
