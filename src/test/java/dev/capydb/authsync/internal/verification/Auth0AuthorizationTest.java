package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Auth0AuthorizationTest {

    private final Auth0Authorization scheme = new Auth0Authorization(List.of("new-shared-secret", "old-shared-secret"));

    @Test
    void acceptsAnyConfiguredSecretWithOrWithoutBearer() throws Exception {
        // Auth0's log streams carry no delivery id in a header: the receiver derives one from the body.
        assertEquals(Optional.empty(), scheme.verify(TestHeaders.of("Authorization", "Bearer new-shared-secret"), new byte[0]));
        assertEquals(Optional.empty(), scheme.verify(TestHeaders.of("authorization", "bearer old-shared-secret"), new byte[0]));
        assertEquals(Optional.empty(), scheme.verify(TestHeaders.of("Authorization", "new-shared-secret"), new byte[0]));
    }

    @Test
    void refusesMissingAndWrongSecrets() {
        assertReason(Reason.MISSING, TestHeaders.of());
        assertReason(Reason.MISSING, TestHeaders.of("Authorization", " "));
        assertReason(Reason.MISMATCH, TestHeaders.of("Authorization", "Bearer new-shared-secre"));
        assertReason(Reason.MISMATCH, TestHeaders.of("Authorization", "Bearer new-shared-secret2"));
        assertReason(Reason.MISMATCH, TestHeaders.of("Authorization", "Basic bmV3LXNoYXJlZC1zZWNyZXQ="));
    }

    private void assertReason(Reason reason, SignatureScheme.HeaderLookup headers) {
        assertEquals(reason, assertThrows(SignatureVerificationException.class, () -> scheme.verify(headers, new byte[0])).reason());
    }
}
