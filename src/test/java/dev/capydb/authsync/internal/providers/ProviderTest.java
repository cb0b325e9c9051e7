package dev.capydb.authsync.internal.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.AuthSyncDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProviderTest {

    @Test
    void idsAreThePathSegmentsAndConfigKeys() {
        assertEquals(List.of("better-auth", "banata", "standard-webhooks", "clerk", "auth0"),
                java.util.Arrays.stream(Provider.values()).map(Provider::id).toList());
        assertEquals(Optional.of(Provider.CLERK), Provider.byId("clerk"));
        assertEquals(Optional.empty(), Provider.byId("Clerk"));
    }

    @Test
    void everyProviderHasItsAttributeInTheDefinitionAnnotation() throws NoSuchMethodException {
        for (Provider provider : Provider.values()) {
            String attribute = Pattern.compile("-([a-z])").matcher(provider.id()).replaceAll(m -> m.group(1).toUpperCase());
            assertEquals(AuthSyncDefinition.Webhook.class, AuthSyncDefinition.class.getMethod(attribute).getReturnType(),
                    provider.id());
        }
    }

    @Test
    void anUnusableSecretFailsStartUpNamingTheKeyButNotTheSecret() {
        for (Provider provider : new Provider[] {Provider.STANDARD_WEBHOOKS, Provider.CLERK}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider.signatureScheme(
                    List.of("whsec_!!secret-value!!"), Duration.ofMinutes(5), Clock.systemUTC()));
            assertEquals("capydb.auth." + provider.id() + ".secret: a secret is not base64 after its whsec_ prefix",
                    e.getMessage());
            assertFalse(e.getMessage().contains("secret-value"));
        }
    }
}
