package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardWebhooksNormalizerTest {

    private final StandardWebhooksNormalizer normalizer = new StandardWebhooksNormalizer();

    @Test
    void readsTypeAndABetterAuthShapedUserFromData() throws Exception {
        NormalizedEvent event = normalizer.normalize(Json.object("""
                {"type":"user.updated","timestamp":"2024-01-15T10:30:00Z","data":{"id":"u1","name":"Ada Lovelace","image":"i"}}"""));
        assertEquals(NormalizedEvent.Kind.UPDATED, event.kind());
        assertEquals("Lovelace", event.user().lastName());
        assertEquals("i", event.user().imageUrl());
        assertEquals(NormalizedEvent.Kind.NOT_MIRRORED,
                normalizer.normalize(Json.object("{\"type\":\"invoice.paid\",\"data\":{}}")).kind());
        assertThrows(InvalidPayloadException.class,
                () -> normalizer.normalize(Json.object("{\"event\":\"user.created\",\"data\":{\"id\":\"u\"}}")));
    }
}
