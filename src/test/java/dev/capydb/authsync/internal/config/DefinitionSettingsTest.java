package dev.capydb.authsync.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.AuthSyncDefinition;
import dev.capydb.authsync.AuthSyncDefinition.Webhook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DefinitionSettingsTest {

    private static final Function<String, Optional<String>> ENVIRONMENT = key -> Optional.ofNullable(Map.of(
            "BETTER_AUTH_WEBHOOK_SECRET", "ba-secret",
            "CLERK_WEBHOOK_SECRET", "clerk-new",
            "CLERK_PREVIOUS_WEBHOOK_SECRET", "clerk-old",
            "METRICS_TOKEN", "metrics-token",
            "BACKFILL_SECRET", "backfill-secret",
            "DATASOURCE", "java:app/jdbc/Users").get(key));

    @AuthSyncDefinition(enabled = "true", path = "/hooks/*", dataSource = "${DATASOURCE}", maxBodyBytes = "2048",
            toleranceSeconds = "60", deliveryRetentionDays = "3", maxBatchSize = "${BATCH:32}", stallSeconds = "30",
            metricsToken = "${METRICS_TOKEN}", metricsOpen = "false", backfillSecret = "${BACKFILL_SECRET}",
            betterAuth = @Webhook(secrets = "${BETTER_AUTH_WEBHOOK_SECRET}"),
            banata = @Webhook(secrets = "${BANATA_UNSET}"),
            standardWebhooks = @Webhook(secrets = " "),
            clerk = @Webhook(secrets = {"${CLERK_WEBHOOK_SECRET}", "${CLERK_PREVIOUS_WEBHOOK_SECRET}"}))
    static class Everything {
    }

    @Test
    void everyAttributeSetsItsKeyWithItsExpressionsResolved() {
        Map<String, String> resolved = DefinitionSettings.of(Set.of(Everything.class))
                .resolve(key -> key.equals("capydb.auth.banata.secret"), ENVIRONMENT);
        assertEquals(Map.ofEntries(
                Map.entry(Settings.ENABLED, "true"),
                Map.entry(Settings.PATH, "/hooks/*"),
                Map.entry(Settings.DATASOURCE, "java:app/jdbc/Users"),
                Map.entry(Settings.MAX_BODY_BYTES, "2048"),
                Map.entry(Settings.TOLERANCE_SECONDS, "60"),
                Map.entry(Settings.DELIVERY_RETENTION_DAYS, "3"),
                Map.entry(Settings.MAX_BATCH_SIZE, "32"),
                Map.entry(Settings.STALL_SECONDS, "30"),
                Map.entry(Settings.METRICS_TOKEN, "metrics-token"),
                Map.entry(Settings.METRICS_OPEN, "false"),
                Map.entry(Settings.BACKFILL_SECRET, "backfill-secret"),
                Map.entry("capydb.auth.better-auth.secret", "ba-secret"),
                Map.entry("capydb.auth.clerk.secret", "clerk-new,clerk-old")), resolved,
                "banata's expression is overridden, so never resolved; a blank secret is no secret");
    }

    @Test
    void anExpressionThatResolvesToNothingWhereItCountsIsRefusedNamingItsKeyAndName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DefinitionSettings.of(Set.of(Everything.class)).resolve(key -> false, ENVIRONMENT));
        assertEquals("capydb-auth-sync: capydb.auth.banata.secret of @AuthSyncDefinition on " + Everything.class.getName()
                + " is ${BANATA_UNSET}, which resolves to nothing: set BANATA_UNSET as an environment variable, a system"
                + " property or in microprofile-config.properties", e.getMessage());
    }

    @AuthSyncDefinition(auth0 = @Webhook(secrets = {"${AUTH0_SECRET}", "a-literal-secret"}))
    static class LiteralSecret {
    }

    @AuthSyncDefinition(metricsToken = "${TOKEN:fallback-literal}")
    static class SecretWithDefault {
    }

    @AuthSyncDefinition(backfillSecret = "prefix-${BACKFILL_SECRET}")
    static class SecretWithLiteralPart {
    }

    @Test
    void aSecretMustBeOneExpressionAndTheMessageShowsTheFormWithoutQuotingTheValue() {
        IllegalStateException literal = assertThrows(IllegalStateException.class,
                () -> DefinitionSettings.of(Set.of(LiteralSecret.class)));
        assertTrue(literal.getMessage().contains("gives capydb.auth.auth0.secret as a literal"), literal.getMessage());
        assertTrue(literal.getMessage().contains(
                "auth0 = @Webhook(secrets = \"${AUTH0_WEBHOOK_SECRET}\"), with the environment variable AUTH0_WEBHOOK_SECRET"),
                literal.getMessage());
        assertFalse(literal.getMessage().contains("a-literal-secret"));
        IllegalStateException withDefault = assertThrows(IllegalStateException.class,
                () -> DefinitionSettings.of(Set.of(SecretWithDefault.class)));
        assertTrue(withDefault.getMessage().contains("metricsToken = \"${METRICS_TOKEN}\""), withDefault.getMessage());
        assertFalse(withDefault.getMessage().contains("fallback-literal"));
        assertThrows(IllegalStateException.class, () -> DefinitionSettings.of(Set.of(SecretWithLiteralPart.class)));
    }

    @AuthSyncDefinition(path = "/second/*")
    static class Second {
    }

    @Test
    void twoDefinitionsAreRefusedNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DefinitionSettings.of(List.of(Second.class, Everything.class)));
        assertTrue(e.getMessage().contains(Everything.class.getName() + " and " + Second.class.getName() + " each have one"),
                e.getMessage());
    }

    @Test
    void classesWithoutTheAnnotationAreNoDefinition() {
        assertSame(DefinitionSettings.NONE, DefinitionSettings.of(Set.of(String.class)));
        assertEquals(Map.of(), DefinitionSettings.NONE.resolve(key -> false, ENVIRONMENT));
    }

    @Test
    void expressionsMayBePartsOfAValueAndHaveDefaults() {
        Function<String, Optional<String>> config = key -> Optional.ofNullable(Map.of("PREFIX", "hooks", "EMPTY", " ")
                .get(key));
        assertEquals("/hooks/v2/*", Expressions.resolve("/${PREFIX}/${VERSION:v2}/*", config, "path"));
        assertEquals("fallback", Expressions.resolve("${EMPTY:fallback}", config, "path"), "a blank value is no value");
        assertEquals("plain", Expressions.resolve("plain", config, "path"));
        IllegalStateException unclosed = assertThrows(IllegalStateException.class,
                () -> Expressions.resolve("/${PREFIX/*", config, "capydb.auth.path"));
        assertEquals("capydb-auth-sync: capydb.auth.path has an expression without its closing brace: ${PREFIX/*",
                unclosed.getMessage());
    }
}
