package dev.capydb.authsync.internal.config;

import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The receiver's settings, from four sources in the order the Servlet specification ranks a
 * deployment descriptor over annotations: MicroProfile Config (system properties, environment
 * variables such as {@code CAPYDB_AUTH_BETTER_AUTH_SECRET}, {@code microprofile-config.properties}),
 * then {@code web.xml} context parameters of the same name, then the application's
 * {@code @AuthSyncDefinition}, then the defaults. Read once, as the application starts.
 */
public final class Settings {

    public static final String ENABLED = "capydb.auth.enabled";
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
    public static final String RECONCILE_MAX_DELETION_SHARE = "capydb.auth.reconcile.max-deletion-share";
    public static final String RECONCILE_LEASE = "capydb.auth.reconcile.lease";

    /**
     * Where the server's JAX-RS runtime deploys the receiver, relative to the context root: fixed at
     * build time by an annotation. {@link #PATH} moves the public path, not this one.
     */
    public static final String RECEIVER_PATH = "/capydb-auth/webhooks";
    /** The receiver's own path as a URL pattern. */
    static final String DEFAULT_PATH = RECEIVER_PATH + "/*";
    static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final long DEFAULT_TOLERANCE_SECONDS = 300;
    static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";
    static final long DEFAULT_DELIVERY_RETENTION_DAYS = 7;
    static final int DEFAULT_MAX_BATCH_SIZE = 64;
    static final long DEFAULT_STALL_SECONDS = 300;

    /** The context attribute under which the settings the initializer read wait for the listeners it adds. */
    private static final String ATTRIBUTE = Settings.class.getName();

    private final Function<String, Optional<String>> source;

    Settings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /**
     * Reads the settings of one web application and keeps them in its context for {@link #of}.
     *
     * @param definitionClasses the classes the container found annotated with {@code @AuthSyncDefinition}
     * @throws IllegalStateException when the definition is refused (two of them, a literal secret) or
     *     one of its expressions that counts resolves to nothing
     */
    public static Settings read(ServletContext context, Collection<Class<?>> definitionClasses) {
        Function<String, Optional<String>> config = configuration(context.getClassLoader());
        Function<String, Optional<String>> descriptor = key -> Optional.ofNullable(context.getInitParameter(key));
        Settings settings = layered(config, descriptor, DefinitionSettings.of(definitionClasses));
        context.setAttribute(ATTRIBUTE, settings);
        return settings;
    }

    /** The sources in their order; the definition's expressions resolved now, where it counts. */
    static Settings layered(Function<String, Optional<String>> config, Function<String, Optional<String>> descriptor,
            DefinitionSettings definition) {
        Function<String, Optional<String>> over = key -> present(config, key).or(() -> present(descriptor, key));
        Map<String, String> annotated = definition.resolve(key -> over.apply(key).isPresent(), config);
        return new Settings(key -> over.apply(key).or(() -> Optional.ofNullable(annotated.get(key))));
    }

    private static Optional<String> present(Function<String, Optional<String>> source, String key) {
        return source.apply(key).filter(value -> !value.isBlank());
    }

    /** The settings {@link #read} kept for this application. */
    public static Settings of(ServletContext context) {
        if (!(context.getAttribute(ATTRIBUTE) instanceof Settings settings)) {
            throw new IllegalStateException("capydb-auth-sync's settings were not read: its initializer did not run");
        }
        return settings;
    }

    /**
     * MicroProfile Config of the application, or where the server has none, its two sources that
     * every JVM has: system properties, then environment variables named as MicroProfile Config
     * names them ({@code capydb.auth.path}: {@code CAPYDB_AUTH_PATH}).
     */
    static Function<String, Optional<String>> configuration(ClassLoader classLoader) {
        try {
            return MicroProfileConfig.lookup(classLoader);
        } catch (LinkageError e) {
            return key -> Optional.ofNullable(System.getProperty(key)).or(() -> environment(System.getenv(), key));
        }
    }

    static Optional<String> environment(Map<String, String> environment, String key) {
        String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
        return Optional.ofNullable(environment.get(key))
                .or(() -> Optional.ofNullable(environment.get(sanitized)))
                .or(() -> Optional.ofNullable(environment.get(sanitized.toUpperCase(Locale.ROOT))));
    }

    /** Whether the library is installed at all ({@code capydb.auth.enabled}, true unless set to false). */
    public boolean enabled() {
        return booleanValue(ENABLED, true);
    }

    /** Whether {@code capydb.auth.path} is set, rather than left to its default. */
    public boolean pathIsSet() {
        return value(PATH).isPresent();
    }

    /** The URL pattern the receiver answers on, {@code /…/*}; the provider id is the last segment. */
    public String path() {
        return requireUrlPattern(value(PATH).orElse(DEFAULT_PATH), PATH);
    }

    /**
     * {@code pattern} if it is a URL pattern {@code /prefix/*}, the only form after which a provider id
     * can follow as the last segment.
     *
     * @throws IllegalStateException naming {@code what} otherwise
     */
    public static String requireUrlPattern(String pattern, String what) {
        if (!pattern.startsWith("/") || !pattern.endsWith("/*") || pattern.length() < 3
                || pattern.indexOf('*') != pattern.length() - 1) {
            throw new IllegalStateException(what + " must be a URL pattern of the form /prefix/*, not " + pattern);
        }
        return pattern;
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

    /** JNDI name of the JTA datasource that holds the mirror ({@code capydb_auth.users} and its other tables). */
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
        boolean open = booleanValue(METRICS_OPEN, false);
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
     * How often a provider's reconciliation runs on its own ({@code capydb.auth.reconcile.<provider>.every},
     * an ISO-8601 duration such as {@code PT6H}); empty: only when asked for (the default).
     */
    public Optional<Duration> reconcileEvery(String providerId) {
        String key = "capydb.auth.reconcile." + providerId + ".every";
        return value(key).map(v -> positiveDuration(key, v));
    }

    /**
     * The largest share of a table's live rows one reconciliation may delete without an explicit
     * run ({@code capydb.auth.reconcile.max-deletion-share}, 0.1 by default): beyond it, the run deletes
     * none, since an emptied or wrong source would otherwise empty the mirror.
     */
    public double maxDeletionShare() {
        Optional<String> value = value(RECONCILE_MAX_DELETION_SHARE);
        try {
            double share = value.map(Double::parseDouble).orElse(0.1);
            if (!(share >= 0 && share <= 1)) {
                throw new NumberFormatException();
            }
            return share;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(RECONCILE_MAX_DELETION_SHARE + " must be a number from 0 to 1, not "
                    + value.orElse(""));
        }
    }

    /**
     * How long a reconciliation's lock outlives its last sign of life ({@code capydb.auth.reconcile.lease},
     * two minutes by default): a node that dies mid-run holds it this long.
     */
    public Duration reconcileLease() {
        return value(RECONCILE_LEASE).map(v -> positiveDuration(RECONCILE_LEASE, v)).orElse(Duration.ofMinutes(2));
    }

    /**
     * How long a provider may send nothing before the health check and the metrics call it silent
     * ({@code capydb.auth.<provider>.max-silence}, an ISO-8601 duration); empty: never (the default).
     */
    public Optional<Duration> maxSilence(String providerId) {
        String key = "capydb.auth." + providerId + ".max-silence";
        return value(key).map(v -> positiveDuration(key, v));
    }

    private static Duration positiveDuration(String key, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new DateTimeParseException("not positive", value, 0);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(key + " must be a positive ISO-8601 duration such as PT6H, not " + value);
        }
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

    private boolean booleanValue(String key, boolean defaultValue) {
        return value(key).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException(key + " must be true or false, not " + v);
        }).orElse(defaultValue);
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
