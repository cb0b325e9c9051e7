package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedTimestampTest {

    @Test
    void everyDigitAndUpToTwelveOfThemAreUnixSeconds() throws Exception {
        assertEquals(1799999999L, SignedTimestamp.parseUnixSeconds("1799999999").getEpochSecond());
        assertEquals(1234567890L, SignedTimestamp.parseUnixSeconds("1234567890").getEpochSecond());
        assertEquals(0L, SignedTimestamp.parseUnixSeconds("0").getEpochSecond());
        assertEquals(999_999_999_999L, SignedTimestamp.parseUnixSeconds("999999999999").getEpochSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1000000000000", "-1", "+1", " 1", "1.5", "1e9", "١٢٣"})
    void anythingElseIsMalformed(String value) {
        assertEquals(Reason.MALFORMED, assertThrows(SignatureVerificationException.class,
                () -> SignedTimestamp.parseUnixSeconds(value)).reason());
    }
}
