package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.events.User;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BanataNormalizerTest {

    private final BanataNormalizer normalizer = new BanataNormalizer();

    @Test
    void mapsTheSeedPayload() throws Exception {
        NormalizedEvent event = normalizer.normalize(Json.object("""
                {"event":"user.created","timestamp":"2025-01-15T10:30:00.000Z","data":{"id":"usr_01HXYZ",
                 "email":"user@example.com","name":"Jane Doe","createdAt":"2025-01-15T10:30:00.000Z","role":"admin"}}"""));
        assertEquals(NormalizedEvent.Kind.CREATED, event.kind());
        User user = event.user();
        assertEquals(new User("usr_01HXYZ", "user@example.com", "Jane", "Doe", null, null,
                Instant.parse("2025-01-15T10:30:00Z"), null, null, user.raw()), user);
        assertEquals("admin", Json.object(user.raw()).getString("role"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user.banned", "user.unbanned", "user.updated"})
    void banStateChangesUpdateTheRow(String name) throws Exception {
        NormalizedEvent event = normalizer.normalize(Json.object("{\"event\":\"" + name + "\",\"data\":{\"id\":\"u1\",\"banned\":true}}"));
        assertEquals(NormalizedEvent.Kind.UPDATED, event.kind());
        assertEquals(true, Json.object(event.user().raw()).getBoolean("banned"));
    }

    @Test
    void aDeletionNeedsOnlyTheId() throws Exception {
        assertEquals(NormalizedEvent.Kind.DELETED,
                normalizer.normalize(Json.object("{\"event\":\"user.deleted\",\"data\":{\"id\":\"u1\"}}")).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"session.created", "session.revoked",
        "invitation.accepted", "email.verified", "password.reset", "two_factor.enabled",
        "api_key.revoked"})
    void otherEventsAreNotMirrored(String name) throws Exception {
        assertEquals(NormalizedEvent.notMirrored(name, null, null),
                normalizer.normalize(Json.object("{\"event\":\"" + name + "\",\"data\":{\"id\":\"x\"}}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\":{\"id\":\"u\"}}", "{\"type\":\"user.created\",\"data\":{\"id\":\"u\"}}",
        "{\"event\":\"user.created\"}", "{\"event\":\"user.created\",\"user\":{\"id\":\"u\"}}",
        "{\"event\":\"user.created\",\"data\":{\"email\":\"e\"}}"})
    void refusesMissingEventDataOrId(String body) {
        assertThrows(InvalidPayloadException.class, () -> normalizer.normalize(Json.object(body)));
    }
}
