package dev.capydb.authsync.internal.receiving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeliveryKeyTest {

    private static final byte[] BODY = "{\"event\":\"user.created\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSendersHeaderIdWinsOverTheBodysEventId() {
        assertEquals("msg_1", DeliveryKey.of("msg_1", "evt_1", BODY));
        assertEquals("evt_1", DeliveryKey.of(null, "evt_1", BODY));
    }

    @Test
    void withoutAnIdTheBodysDigestIsTheKeySoTheSameBodyIsTheSameDelivery() {
        String key = DeliveryKey.of(null, null, BODY);
        assertTrue(key.matches("sha256:[0-9a-f]{64}"), key);
        assertEquals(key, DeliveryKey.of(null, null, BODY.clone()));
        assertNotEquals(key, DeliveryKey.of(null, null, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAbsurdlyLongIdIsStoredAsItsDigest() {
        String key = DeliveryKey.of("x".repeat(100_000), null, BODY);
        assertTrue(key.startsWith("sha256:") && key.length() == 71, key);
        assertNotEquals(key, DeliveryKey.of("y".repeat(100_000), null, BODY));
        String longest = "x".repeat(DeliveryKey.MAX_LENGTH);
        assertEquals(longest, DeliveryKey.of(longest, null, BODY));
    }
}
