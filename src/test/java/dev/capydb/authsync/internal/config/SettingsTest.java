package dev.capydb.authsync.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.AuthSyncDefinition;
import dev.capydb.authsync.internal.receiving.WebhookApplication;
import jakarta.ws.rs.ApplicationPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void reconciliationSettingsHaveSafeDefaultsAndRefuseNonsense() {
        Settings none = settings(Map.of());
        assertEquals(Optional.empty(), none.reconcileEvery("clerk"), "off unless asked for");
        assertEquals(0.1, none.maxDeletionShare());
        assertEquals(Duration.ofMinutes(2), none.reconcileLease());
        assertEquals(Optional.empty(), none.maxSilence("clerk"));

        Settings set = settings(Map.of("capydb.auth.reconcile.clerk.every", "PT6H", Settings.RECONCILE_MAX_DELETION_SHARE,
                "0.25", Settings.RECONCILE_LEASE, "PT30S", "capydb.auth.clerk.max-silence", "P1D"));
        assertEquals(Optional.of(Duration.ofHours(6)), set.reconcileEvery("clerk"));
        assertEquals(Optional.empty(), set.reconcileEvery("better-auth"));
        assertEquals(0.25, set.maxDeletionShare());
        assertEquals(Duration.ofSeconds(30), set.reconcileLease());
        assertEquals(Optional.of(Duration.ofDays(1)), set.maxSilence("clerk"));

        for (String share : List.of("1.5", "-0.1", "ten percent", "NaN")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> settings(Map.of(Settings.RECONCILE_MAX_DELETION_SHARE, share)).maxDeletionShare());
            assertTrue(refused.getMessage().contains(Settings.RECONCILE_MAX_DELETION_SHARE), refused.getMessage());
        }
        for (String every : List.of("6h", "PT0S", "-PT1H")) {
            assertThrows(IllegalStateException.class,
                    () -> settings(Map.of("capydb.auth.reconcile.clerk.every", every)).reconcileEvery("clerk"));
        }
    }

    @Test
    void defaults() {
        Settings settings = new Settings(key -> Optional.empty());
        assertEquals("/capydb-auth/webhooks/*", settings.path());
        assertEquals(1024 * 1024, settings.maxBodyBytes());
        assertEquals(Duration.ofSeconds(300), settings.tolerance());
        assertEquals("java:comp/DefaultDataSource", settings.dataSource());
        assertEquals(List.of(), settings.secrets("better-auth"));
        assertEquals(Duration.ofMinutes(5), settings.stallLimit());
        assertEquals(Settings.MetricsAccess.OFF, settings.metricsAccess());
    }

    @Test
    void theMetricsEndpointIsOpenedByATokenOrExplicitly() {
        Settings.MetricsAccess token = settings(Map.of(Settings.METRICS_TOKEN, " s3cret ")).metricsAccess();
        assertEquals(Optional.of("s3cret"), token.token());
        assertEquals("bearer token", token.toString(), "the token is never printed");
        assertEquals(Settings.MetricsAccess.OPEN, settings(Map.of(Settings.METRICS_OPEN, "true")).metricsAccess());
        assertEquals(Settings.MetricsAccess.OFF, settings(Map.of(Settings.METRICS_OPEN, "false")).metricsAccess());
        assertThrows(IllegalStateException.class, () -> settings(Map.of(Settings.METRICS_OPEN, "yes")).metricsAccess());
        assertThrows(IllegalStateException.class,
                () -> settings(Map.of(Settings.METRICS_OPEN, "true", Settings.METRICS_TOKEN, "t")).metricsAccess());
    }

    @Test
    void secretsAreACommaSeparatedListAndBlankMeansDisabled() {
        Settings settings = settings(Map.of(
                "capydb.auth.better-auth.secret", " new-secret , old-secret ,",
                "capydb.auth.banata.secret", "  "));
        assertEquals(List.of("new-secret", "old-secret"), settings.secrets("better-auth"));
        assertEquals(List.of(), settings.secrets("banata"));
    }

    @Test
    void refusesNonsenseAtStartUpNamingTheKey() {
        assertThrows(IllegalStateException.class, () -> settings(Map.of(Settings.PATH, "/hooks")).path());
        assertThrows(IllegalStateException.class, () -> settings(Map.of(Settings.PATH, "hooks/*")).path());
        assertEquals("web.xml's mapping must be a URL pattern of the form /prefix/*, not /hooks/*.json",
                assertThrows(IllegalStateException.class,
                        () -> Settings.requireUrlPattern("/hooks/*.json", "web.xml's mapping")).getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings(Map.of(Settings.MAX_BODY_BYTES, "1MB")).maxBodyBytes());
        assertEquals("capydb.auth.max-body-bytes must be a whole number, not 1MB", e.getMessage());
        assertThrows(IllegalStateException.class, () -> settings(Map.of(Settings.MAX_BODY_BYTES, "0")).maxBodyBytes());
        assertThrows(IllegalStateException.class,
                () -> settings(Map.of(Settings.TOLERANCE_SECONDS, "-1")).tolerance());
        assertThrows(IllegalStateException.class, () -> settings(Map.of(Settings.STALL_SECONDS, "0")).stallLimit());
    }

    @Test
    void microProfileConfigIsOverTheDescriptorWhichIsOverTheDefinitionWhichIsOverTheDefaults() {
        Settings settings = Settings.layered(
                source(Map.of(Settings.PATH, "/config/*", "SECRET_FROM_CONFIG", "defined-secret")),
                source(Map.of(Settings.PATH, "/descriptor/*", Settings.MAX_BODY_BYTES, "100", Settings.STALL_SECONDS, " ")),
                DefinitionSettings.of(Set.of(Defined.class)));
        assertEquals("/config/*", settings.path());
        assertEquals(100, settings.maxBodyBytes());
        assertEquals(Duration.ofSeconds(7), settings.stallLimit(), "a blank context parameter is no value");
        assertEquals(Duration.ofSeconds(42), settings.tolerance());
        assertEquals(Settings.DEFAULT_MAX_BATCH_SIZE, settings.maxBatchSize());
        assertEquals(List.of("defined-secret"), settings.secrets("better-auth"), "resolved through MicroProfile Config");
        assertTrue(settings.pathIsSet());
        assertFalse(new Settings(key -> Optional.empty()).pathIsSet());
    }

    @AuthSyncDefinition(path = "/definition/*", maxBodyBytes = "200", stallSeconds = "7", toleranceSeconds = "42",
            betterAuth = @AuthSyncDefinition.Webhook(secrets = "${SECRET_FROM_CONFIG}"))
    static class Defined {
    }

    @Test
    void theLibraryIsEnabledUnlessSwitchedOff() {
        assertTrue(new Settings(key -> Optional.empty()).enabled());
        assertFalse(settings(Map.of(Settings.ENABLED, "false")).enabled());
        assertTrue(settings(Map.of(Settings.ENABLED, "true")).enabled());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings(Map.of(Settings.ENABLED, "off")).enabled());
        assertEquals("capydb.auth.enabled must be true or false, not off", e.getMessage());
    }

    @Test
    void withoutMicroProfileConfigTheEnvironmentIsReadAsMicroProfileConfigNamesIt() {
        Map<String, String> environment = Map.of("CAPYDB_AUTH_BETTER_AUTH_SECRET", "upper", "capydb_auth_path", "sanitized");
        assertEquals(Optional.of("upper"), Settings.environment(environment, "capydb.auth.better-auth.secret"));
        assertEquals(Optional.of("sanitized"), Settings.environment(environment, "capydb.auth.path"));
        assertEquals(Optional.empty(), Settings.environment(environment, "capydb.auth.datasource"));
    }

    @Test
    void theDefaultPathIsTheReceiversJaxRsPath() {
        assertEquals(WebhookApplication.class.getAnnotation(ApplicationPath.class).value() + "/*", Settings.DEFAULT_PATH);
    }

    private static Function<String, Optional<String>> source(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    private static Settings settings(Map<String, String> values) {
        return new Settings(key -> Optional.ofNullable(values.get(key)));
    }
}
