package dev.capydb.authsync.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

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
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings(Map.of(Settings.MAX_BODY_BYTES, "1MB")).maxBodyBytes());
        assertEquals("capydb.auth.max-body-bytes must be a whole number, not 1MB", e.getMessage());
        assertThrows(IllegalStateException.class, () -> settings(Map.of(Settings.MAX_BODY_BYTES, "0")).maxBodyBytes());
        assertThrows(IllegalStateException.class,
                () -> settings(Map.of(Settings.TOLERANCE_SECONDS, "-1")).tolerance());
        assertThrows(IllegalStateException.class, () -> settings(Map.of(Settings.STALL_SECONDS, "0")).stallLimit());
    }

    private static Settings settings(Map<String, String> values) {
        return new Settings(key -> Optional.ofNullable(values.get(key)));
    }
}
