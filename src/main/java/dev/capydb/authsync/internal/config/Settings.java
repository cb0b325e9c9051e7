package dev.capydb.authsync.internal.config;

import dev.capydb.authsync.internal.receiving.WebhookApplication;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The receiver's settings, read from MicroProfile Config when the server offers it (so system
 * properties and environment variables such as {@code CAPYDB_AUTH_BETTER_AUTH_SECRET} work) and
 * otherwise from {@code web.xml} context parameters of the same name.
 */
public final class Settings {

    public static final String PATH = "capydb.auth.path";
    public static final String MAX_BODY_BYTES = "capydb.auth.max-body-bytes";
    public static final String TOLERANCE_SECONDS = "capydb.auth.tolerance-seconds";
    public static final String DATASOURCE = "capydb.auth.datasource";
    public static final String DELIVERY_RETENTION_DAYS = "capydb.auth.delivery-retention-days";
    public static final String MAX_BATCH_SIZE = "capydb.auth.max-batch-size";
    public static final String STALL_SECONDS = "capydb.auth.stall-seconds";
    public static final String METRICS_TOKEN = "capydb.auth.metrics.token";
    public static final String METRICS_OPEN = "capydb.auth.metrics.open";
    public static final String BACKFILL_SECRET = "capydb.auth.backfill.secret";

    static final String DEFAULT_PATH = WebhookApplication.PATH + "/*";
    static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final long DEFAULT_TOLERANCE_SECONDS = 300;
    static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";
    static final long DEFAULT_DELIVERY_RETENTION_DAYS = 7;
    static final int DEFAULT_MAX_BATCH_SIZE = 64;
    static final long DEFAULT_STALL_SECONDS = 300;

    private final Function<String, Optional<String>> source;

    Settings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** Settings of one web application: MicroProfile Config first, then its context parameters. */
    public static Settings of(ServletContext context) {
        Function<String, Optional<String>> contextParams =
                key -> Optional.ofNullable(context.getInitParameter(key));
        Function<String, Optional<String>> mpConfig;
        try {
            mpConfig = MicroProfileConfig.lookup(context.getClassLoader());
        } catch (LinkageError e) {
            mpConfig = key -> Optional.empty(); // no MicroProfile Config on this server
        }
        Function<String, Optional<String>> mp = mpConfig;
        return new Settings(key -> mp.apply(key).or(() -> contextParams.apply(key)));
    }

    /** The URL pattern the receiver answers on, {@code /…/*}; the provider id is the last segment. */
    public String path() {
        String path = value(PATH).orElse(DEFAULT_PATH);
        if (!path.startsWith("/") || !path.endsWith("/*") || path.length() < 3 || path.indexOf('*') != path.length() - 1) {
            throw new IllegalStateException(PATH + " must be a URL pattern of the form /prefix/*, not " + path);
        }
        return path;
    }

    public int maxBodyBytes() {
        long value = longValue(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES);
        if (value < 1 || value > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(MAX_BODY_BYTES + " must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        return (int) value;
    }

    /** How far a signed timestamp may be from the server's clock, for schemes that sign one. */
    public Duration tolerance() {
        long value = longValue(TOLERANCE_SECONDS, DEFAULT_TOLERANCE_SECONDS);
        if (value < 0) {
            throw new IllegalStateException(TOLERANCE_SECONDS + " must not be negative");
        }
        return Duration.ofSeconds(value);
    }

    /** JNDI name of the JTA datasource that holds {@code capydb_auth.users}. */
    public String dataSource() {
        return value(DATASOURCE).orElse(DEFAULT_DATASOURCE);
    }

    /**
     * How long a delivery's key is kept to recognise a redelivery: longer than any sender retries
     * (seven days by default; Standard Webhooks senders give up after about 27 hours).
     */
    public Duration deliveryRetention() {
        long value = longValue(DELIVERY_RETENTION_DAYS, DEFAULT_DELIVERY_RETENTION_DAYS);
        if (value < 1 || value > 36_500) {
            throw new IllegalStateException(DELIVERY_RETENTION_DAYS + " must be between 1 and 36500");
        }
        return Duration.ofDays(value);
    }

    /**
     * The most deliveries one transaction of the group commit writes: deliveries that arrive while a
     * transaction is in flight are written together in the next one, up to this many.
     */
    public int maxBatchSize() {
        long value = longValue(MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_SIZE);
        if (value < 1 || value > 10_000) {
            throw new IllegalStateException(MAX_BATCH_SIZE + " must be between 1 and 10000");
        }
        return (int) value;
    }

    /**
     * How long one batch of deliveries, its after-commit observers included, may take before the
     * liveness check reports the receiver stuck: every delivery waits behind it.
     */
    public Duration stallLimit() {
        long value = longValue(STALL_SECONDS, DEFAULT_STALL_SECONDS);
        if (value < 1) {
            throw new IllegalStateException(STALL_SECONDS + " must be at least 1");
        }
        return Duration.ofSeconds(value);
    }

    /**
     * Who may read the metrics endpoint: the holders of {@code capydb.auth.metrics.token} (a bearer
     * token), anyone with {@code capydb.auth.metrics.open=true}, else nobody (the endpoint is off).
     * Both at once is refused: one of them would be ignored without a word.
     */
    public MetricsAccess metricsAccess() {
        Optional<String> token = value(METRICS_TOKEN);
        boolean open = value(METRICS_OPEN).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException(METRICS_OPEN + " must be true or false, not " + v);
        }).orElse(false);
        if (token.isPresent() && open) {
            throw new IllegalStateException("Set either " + METRICS_TOKEN + " or " + METRICS_OPEN + "=true, not both");
        }
        return token.map(MetricsAccess::token).orElse(open ? MetricsAccess.OPEN : MetricsAccess.OFF);
    }

    /** Who may read the metrics endpoint; see {@link #metricsAccess()}. */
    public record MetricsAccess(boolean enabled, Optional<String> token) {

        public static final MetricsAccess OFF = new MetricsAccess(false, Optional.empty());
        public static final MetricsAccess OPEN = new MetricsAccess(true, Optional.empty());

        static MetricsAccess token(String token) {
            return new MetricsAccess(true, Optional.of(token));
        }

        @Override
        public String toString() { // never the token
            return !enabled ? "off" : token.isPresent() ? "bearer token" : "open";
        }
    }

    /** The secret of the backfill's admin calls; empty: they are off (404). */
    public Optional<String> backfillSecret() {
        return value(BACKFILL_SECRET);
    }

    /**
     * A setting of one provider's backfill, {@code capydb.auth.backfill.<provider>.<name>}: for
     * Better Auth its table's names ({@code datasource}, {@code schema}, {@code table},
     * {@code column.<field>}), for Clerk {@code secret-key} and {@code api-url}.
     */
    public Optional<String> backfill(String providerId, String name) {
        return value(backfillKey(providerId, name));
    }

    public static String backfillKey(String providerId, String name) {
        return "capydb.auth.backfill." + providerId + "." + name;
    }

    /**
     * The signing secrets of a provider ({@code capydb.auth.<provider>.secret}, comma-separated so a
     * rotated secret and its successor are accepted at once). Empty means the provider is disabled.
     */
    public List<String> secrets(String providerId) {
        return value(secretKey(providerId))
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public static String secretKey(String providerId) {
        return "capydb.auth." + providerId + ".secret";
    }

    private Optional<String> value(String key) {
        return source.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private long longValue(String key, long defaultValue) {
        Optional<String> value = value(key);
        try {
            return value.isPresent() ? Long.parseLong(value.get()) : defaultValue;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a whole number, not " + value.get());
        }
    }
}
