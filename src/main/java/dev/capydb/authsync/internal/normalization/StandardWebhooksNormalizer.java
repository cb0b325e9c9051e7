package dev.capydb.authsync.internal.normalization;

import jakarta.json.JsonObject;

/**
 * A generic Standard Webhooks sender: {@code {"type", "timestamp", "data"}} with a Better
 * Auth-shaped user in {@code data} for {@code user.created}, {@code user.updated} and
 * {@code user.deleted}.
 */
public final class StandardWebhooksNormalizer implements UserNormalizer {

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        String event = JsonFields.requiredEvent(envelope, "type");
        NormalizedEvent.Kind kind = NormalizedEvent.Kind.ofUserEvent(event);
        if (kind == NormalizedEvent.Kind.NOT_MIRRORED) {
            return NormalizedEvent.notMirrored(event);
        }
        return new NormalizedEvent(event, kind,
                BetterAuthNormalizer.user(JsonFields.requiredUser(envelope, event, "data")));
    }
}
