package dev.capydb.authsync.internal.normalization;

import jakarta.json.JsonObject;

/**
 * A generic Standard Webhooks sender: {@code {"type", "timestamp", "data"}} with Better Auth-shaped
 * objects in {@code data}, under Banata's event names: {@code user.created|updated|deleted},
 * {@code organization.created|updated|deleted}, {@code member.added|role_updated|removed}.
 */
public final class StandardWebhooksNormalizer implements Normalizer {

    private static final Envelope ENVELOPE = new Envelope("type", Envelope.TimestampFormat.RFC_3339);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, Envelope::banataEvent, BetterAuthNormalizer.SHAPES);
    }
}
