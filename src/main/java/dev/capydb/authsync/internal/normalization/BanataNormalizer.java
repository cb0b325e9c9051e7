package dev.capydb.authsync.internal.normalization;

import jakarta.json.JsonObject;

/**
 * Banata Auth: {@code {"event", "timestamp", "data"}} with a Better Auth-shaped user in
 * {@code data}. {@code user.banned} and {@code user.unbanned} update the row (the ban shows in
 * {@code raw}); session, organization, member, invitation and security events are not mirrored.
 */
public final class BanataNormalizer implements UserNormalizer {

    private static final Envelope ENVELOPE = new Envelope("event", "data", Envelope.TimestampFormat.RFC_3339);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, event -> switch (event) {
            case "user.banned", "user.unbanned" -> NormalizedEvent.Kind.UPDATED;
            default -> NormalizedEvent.Kind.ofUserEvent(event);
        }, BetterAuthNormalizer::user);
    }
}
