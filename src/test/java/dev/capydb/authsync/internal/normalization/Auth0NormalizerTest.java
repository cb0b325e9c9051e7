package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.events.User;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Auth0NormalizerTest {

    private final Auth0Normalizer normalizer = new Auth0Normalizer();

    @Test
    void mapsTheAuth0Profile() throws Exception {
        User user = user("""
                {"user_id":"auth0|507f1f77","email":"j@example.com","given_name":"Jane","family_name":"Doe",
                 "name":"Jane Q. Doe","nickname":"jane","username":"janed","picture":"https://s.gravatar.com/j.png",
                 "created_at":"2024-01-15T10:30:00.000Z","updated_at":"2024-02-01T08:00:00.000Z",
                 "last_login":"2024-02-02T09:00:00.000Z","identities":[{"provider":"auth0"}]}""");
        assertEquals(new User("auth0|507f1f77", "j@example.com", "Jane", "Doe", "janed", "https://s.gravatar.com/j.png",
                Instant.parse("2024-01-15T10:30:00Z"), Instant.parse("2024-02-01T08:00:00Z"),
                Instant.parse("2024-02-02T09:00:00Z"), user.raw()), user);
    }

    @Test
    void fallsBackToSplittingNameAndToTheNickname() throws Exception {
        User user = user("{\"user_id\":\"google-oauth2|1\",\"name\":\"Ada King Lovelace\",\"nickname\":\"ada\"}");
        assertEquals("Ada", user.firstName());
        assertEquals("King Lovelace", user.lastName());
        assertEquals("ada", user.username());
        User onlyFamily = user("{\"user_id\":\"x\",\"family_name\":\"Doe\",\"name\":\"Jane Doe\"}");
        assertEquals(null, onlyFamily.firstName());
        assertEquals("Doe", onlyFamily.lastName());
    }

    @Test
    void refusesAMissingUserIdOrWrongTypes() throws Exception {
        assertThrows(InvalidPayloadException.class, () -> user("{\"id\":\"not-user_id\"}"));
        assertThrows(InvalidPayloadException.class, () -> user("{\"user_id\":\"x\",\"last_login\":12}"));
        assertThrows(InvalidPayloadException.class, () -> normalizer.normalize(Json.object("{\"event\":\"user.created\"}")));
        assertEquals(NormalizedEvent.Kind.NOT_MIRRORED,
                normalizer.normalize(Json.object("{\"event\":\"login.success\",\"user\":{}}")).kind());
    }

    private User user(String profile) throws InvalidPayloadException {
        return normalizer.normalize(Json.object("{\"event\":\"user.created\",\"user\":" + profile + "}")).user();
    }
}
