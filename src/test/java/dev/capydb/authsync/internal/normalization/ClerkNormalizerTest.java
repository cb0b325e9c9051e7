package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.events.User;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClerkNormalizerTest {

    private final ClerkNormalizer normalizer = new ClerkNormalizer();

    @Test
    void takesThePrimaryEmailAndEpochMilliseconds() throws Exception {
        NormalizedEvent event = normalizer.normalize(Json.object("""
                {"type":"user.created","object":"event","timestamp":1654012591835,"data":{"id":"user_29w83",
                 "object":"user","first_name":"Example","last_name":"Ample","username":"ex","image_url":"https://img.clerk.com/x",
                 "primary_email_address_id":"idn_2","email_addresses":[
                   {"id":"idn_1","email_address":"secondary@example.org"},
                   {"id":"idn_2","email_address":"primary@example.org","verification":{"status":"verified"}}],
                 "created_at":1654012591514,"updated_at":1654012591835,"last_sign_in_at":1654012600000,
                 "public_metadata":{"plan":"pro"}}}"""));
        assertEquals(NormalizedEvent.Kind.CREATED, event.kind());
        assertEquals(Instant.ofEpochMilli(1654012591835L), event.occurredAt());
        User user = event.user();
        assertEquals(new User("user_29w83", "primary@example.org", "Example", "Ample", "ex", "https://img.clerk.com/x",
                Instant.ofEpochMilli(1654012591514L), Instant.ofEpochMilli(1654012591835L),
                Instant.ofEpochMilli(1654012600000L), user.raw()), user);
        assertEquals("pro", Json.object(user.raw()).getJsonObject("public_metadata").getString("plan"));
    }

    @Test
    void noPrimaryOrAnEmptyListMeansNoEmail() throws Exception {
        assertNull(user("{\"id\":\"u\",\"email_addresses\":[]}").email());
        assertNull(user("{\"id\":\"u\",\"email_addresses\":null,\"last_sign_in_at\":null}").email());
        assertNull(user("{\"id\":\"u\",\"primary_email_address_id\":\"idn_9\",\"email_addresses\":[{\"id\":\"idn_1\",\"email_address\":\"a@b\"}]}").email());
        assertNull(user("{\"id\":\"u\",\"primary_email_address_id\":null,\"email_addresses\":[{\"id\":\"idn_1\",\"email_address\":\"a@b\"}]}").email());
    }

    @Test
    void aDeletionCarriesOnlyTheId() throws Exception {
        NormalizedEvent event = normalizer.normalize(Json.object(
                "{\"type\":\"user.deleted\",\"data\":{\"deleted\":true,\"id\":\"user_29w83\",\"object\":\"user\"}}"));
        assertEquals(NormalizedEvent.Kind.DELETED, event.kind());
        assertEquals("user_29w83", event.user().id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"session.created", "organizationInvitation.created", "email.created", "sms.created"})
    void otherEventsAreNotMirrored(String name) throws Exception {
        assertEquals(NormalizedEvent.Kind.NOT_MIRRORED,
                normalizer.normalize(Json.object("{\"type\":\"" + name + "\",\"data\":{}}")).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"u\",\"created_at\":\"2022-05-31T00:00:00Z\"}", "{\"id\":\"u\",\"updated_at\":1.5}",
        "{\"id\":\"u\",\"email_addresses\":{}}", "{\"id\":\"u\",\"email_addresses\":[\"a@b\"]}", "{\"first_name\":\"x\"}"})
    void refusesWrongTypes(String data) {
        assertThrows(InvalidPayloadException.class, () -> user(data));
    }

    @Test
    void refusesNumbersTooLargeForADateQuickly() {
        for (String number : new String[] {"1e999999999", "9".repeat(1000), "-1e-999999999", "1e19"}) {
            assertThrows(InvalidPayloadException.class, () -> user("{\"id\":\"u\",\"updated_at\":" + number + "}"));
        }
    }

    private User user(String data) throws InvalidPayloadException {
        return normalizer.normalize(Json.object("{\"type\":\"user.updated\",\"data\":" + data + "}")).user();
    }
}
