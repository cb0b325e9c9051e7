package dev.capydb.authsync.internal.normalization;

import jakarta.json.JsonObject;

/** Turns one provider's webhook body into a provider-neutral {@link NormalizedEvent}. */
public interface Normalizer {

    /**
     * @param envelope the parsed, signature-verified request body
     * @throws InvalidPayloadException when a required field is missing or a field has the wrong type
     */
    NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException;
}
