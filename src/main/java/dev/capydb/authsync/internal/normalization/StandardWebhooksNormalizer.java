package dev.capydb.authsync.internal.normalization;

import jakarta.json.JsonObject;

/**
 * A generic Standard Webhooks sender: {@code {"type", "timestamp", "data"}} with a Better
 * Auth-shaped user in {@code data} for {@code user.created}, {@code user.updated} and
 * {@code user.deleted}.
 */
public final class StandardWebhooksNormalizer implements UserNormalizer {

    private static final Envelope ENVELOPE = new Envelope("type", "data", Envelope.TimestampFormat.RFC_3339);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, NormalizedEvent.Kind::ofUserEvent, BetterAuthNormalizer::user);
    }
}
