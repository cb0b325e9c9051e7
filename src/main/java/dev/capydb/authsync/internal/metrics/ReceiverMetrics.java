package dev.capydb.authsync.internal.metrics;

import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.common.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The receiver's meters, on the registry of this application: what became of each delivery (per
 * provider, object and outcome), why deliveries were refused (per provider and reason), how long accepted
 * ones took, how many deliveries each group-commit transaction wrote, what reconciliations repaired and
 * deleted, and how fresh the mirror is of each provider.
 *
 * <p>Tags are bounded whatever senders do: a path segment that names no provider is counted as
 * provider {@code unknown}, and reasons are the receiver's own error codes.
 */
public final class ReceiverMetrics {

    static final String DELIVERIES = "capydb.auth.deliveries";
    static final String REJECTIONS = "capydb.auth.rejections";
    static final String DURATION = "capydb.auth.delivery.duration";
    static final String BATCH_SIZE = "capydb.auth.batch.size";
    static final String RECONCILIATION_REPAIRED = "capydb.auth.reconciliation.repaired";
    static final String RECONCILIATION_DELETED = "capydb.auth.reconciliation.deleted";
    static final String SILENCE = "capydb.auth.provider.silence";
    static final String SILENT = "capydb.auth.provider.silent";
    static final String RECONCILIATION_AGE = "capydb.auth.reconciliation.age";
    static final String UNKNOWN_PROVIDER = "unknown";
    /** The rejection reason of a signature refused only for its age: a clock or a queue problem, not a forgery. */
    public static final String STALE_TIMESTAMP = "stale_timestamp";
    static final String UNCONFIGURED_PROVIDER = "unconfigured_provider";
    /** The {@code object} of a delivery the mirror does not write (a session, an invitation, …). */
    public static final String NO_OBJECT = "none";
    /** What a delivery is about: the object whose table it writes, or {@link #NO_OBJECT}. */
    static final List<String> OBJECTS = List.of("user", "organization", "membership", NO_OBJECT);

    /** Counts nothing: no registry, so the write path pays nothing. */
    private static final ReceiverMetrics OFF = new ReceiverMetrics();
    private static volatile ReceiverMetrics current = OFF;

    private final MeterRegistry registry;
    private final Set<String> knownProviders;
    private final Set<String> configuredProviders;
    /** By provider, object, then outcome: looked up on every delivery, without building a key. */
    private final Map<String, Map<String, Map<Outcome, Counter>>> deliveries = new HashMap<>();
    private final Map<String, Timer> durations = new HashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    private final Map<String, Counter> repaired = new HashMap<>();
    private final Map<String, Counter> deleted = new HashMap<>();

    /**
     * How fresh the mirror is of each provider, as every node recorded it: for the gauges, which
     * the registry reads when it is scraped.
     */
    public interface Freshness {
        /** Since the last delivery accepted from the provider, or since the receiver started if none; NaN if unknown. */
        double secondsSinceDelivery(String provider);

        /** Since the last reconciliation of the provider completed without holding anything back; NaN if none. */
        double secondsSinceReconciliation(String provider);

        /** 1 while the provider has been silent longer than its bound, else 0; NaN where it has none. */
        double silent(String provider);
    }

    private ReceiverMetrics() {
        registry = null;
        knownProviders = Set.of();
        configuredProviders = Set.of();
        batchSize = null;
    }

    private ReceiverMetrics(MeterRegistry registry, Collection<String> knownProviders,
            Collection<String> configuredProviders, int maxBatchSize, Freshness freshness) {
        this.registry = registry;
        this.knownProviders = Set.copyOf(knownProviders);
        this.configuredProviders = Set.copyOf(configuredProviders);
        // Registered up front, so that a dashboard sees zeros rather than no series.
        for (String provider : configuredProviders) {
            Map<String, Map<Outcome, Counter>> byObject = new HashMap<>();
            deliveries.put(provider, byObject);
            for (String object : OBJECTS) {
                Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
                byObject.put(object, byOutcome);
                for (Outcome outcome : Outcome.values()) {
                    // Outcomes of one wire name share their counter: the registry hands back the same one.
                    byOutcome.put(outcome, Counter.builder(DELIVERIES)
                            .description("Deliveries answered 2xx, by what they are about and what they changed")
                            .tags("provider", provider, "object", object, "outcome", outcome.wireName())
                            .register(registry));
                }
            }
            durations.put(provider, Timer.builder(DURATION)
                    .description("From the signature filter taking a delivery to its 2xx answer, commit included")
                    .tag("provider", provider)
                    .serviceLevelObjectives(Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
                            .map(Duration::ofMillis).toArray(Duration[]::new))
                    .register(registry));
            repaired.put(provider, Counter.builder(RECONCILIATION_REPAIRED)
                    .description("Objects a reconciliation found missing or out of date in the mirror, and wrote")
                    .tag("provider", provider).register(registry));
            deleted.put(provider, Counter.builder(RECONCILIATION_DELETED)
                    .description("Rows a reconciliation marked deleted: the provider no longer holds them")
                    .tag("provider", provider).register(registry));
            Gauge.builder(SILENCE, freshness, f -> f.secondsSinceDelivery(provider)).baseUnit("seconds")
                    .description("Since the last delivery accepted from the provider (by any node), or since the receiver started")
                    .tag("provider", provider).register(registry);
            Gauge.builder(SILENT, freshness, f -> f.silent(provider))
                    .description("1 while the provider has sent nothing for longer than capydb.auth.<provider>.max-silence")
                    .tag("provider", provider).register(registry);
            Gauge.builder(RECONCILIATION_AGE, freshness, f -> f.secondsSinceReconciliation(provider)).baseUnit("seconds")
                    .description("Since the start of the provider's last reconciliation that completed holding nothing back")
                    .tag("provider", provider).register(registry);
        }
        batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Deliveries written by one group-commit transaction")
                .serviceLevelObjectives(IntStream.concat(IntStream.iterate(1, n -> n < maxBatchSize, n -> n * 2),
                        IntStream.of(maxBatchSize)).mapToDouble(n -> n).toArray())
                .register(registry);
    }

    /** The meters of this application (the library is loaded once per application). */
    public static ReceiverMetrics current() {
        return current;
    }

    /**
     * Starts counting on {@code registry}.
     *
     * @param knownProviders the ids of every provider the receiver understands: any other path segment
     *     is counted as {@value #UNKNOWN_PROVIDER}
     * @param configuredProviders the ids of those this application has a secret for
     */
    public static void start(MeterRegistry registry, Collection<String> knownProviders,
            Collection<String> configuredProviders, int maxBatchSize, Freshness freshness) {
        current = new ReceiverMetrics(registry, knownProviders, configuredProviders, maxBatchSize, freshness);
    }

    /** Stops counting, and takes the receiver's meters off a registry that may outlive the application. */
    public static void stop() {
        ReceiverMetrics stopped = current;
        current = OFF;
        if (stopped.registry != null) {
            stopped.registry.getMeters().stream()
                    .filter(meter -> meter.getId().getName().startsWith("capydb.auth."))
                    .forEach(stopped.registry::remove);
        }
    }

    /**
     * A delivery answered 2xx with {@code outcome}, {@code nanos} after the filter took it.
     *
     * @param object one of {@link #OBJECTS}: {@code user}, {@code organization}, {@code membership}, {@link #NO_OBJECT}
     */
    public void accepted(String provider, String object, Outcome outcome, long nanos) {
        if (registry == null) {
            return;
        }
        Counter counter = deliveries.getOrDefault(provider, Map.of()).getOrDefault(object, Map.of()).get(outcome);
        if (counter != null) {
            counter.increment();
            durations.get(provider).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A delivery refused: {@code reason} is the {@linkplain Problem#code() code} of the answer, or
     * {@link #STALE_TIMESTAMP} where the answer deliberately does not tell.
     */
    public void rejected(String provider, String reason) {
        if (registry == null) {
            return;
        }
        boolean known = knownProviders.contains(provider);
        String tag = known ? provider : UNKNOWN_PROVIDER;
        // A provider without a secret is answered like one that does not exist; the operator is told apart.
        String tagged = known && reason.equals(Problem.UNKNOWN_PROVIDER) && !configuredProviders.contains(provider)
                ? UNCONFIGURED_PROVIDER : reason;
        rejections.computeIfAbsent(tag + ' ' + tagged, key -> Counter.builder(REJECTIONS)
                .description("Deliveries refused, by the error code of the answer")
                .tags("provider", tag, "reason", tagged)
                .register(registry)).increment();
    }

    /** One group-commit transaction began with {@code size} deliveries. */
    public void batchWritten(int size) {
        if (registry != null) {
            batchSize.record(size);
        }
    }

    /** A reconciliation of {@code provider} wrote {@code repaired} objects and marked {@code deleted} rows deleted. */
    public void reconciled(String provider, long repaired, long deleted) {
        if (registry == null) {
            return;
        }
        Counter repairs = this.repaired.get(provider);
        if (repairs != null) {
            repairs.increment(repaired);
            this.deleted.get(provider).increment(deleted);
        }
    }

    /** The Prometheus text of the registry, if it is (or holds) a Prometheus registry. */
    Optional<String> scrape() {
        return prometheus(registry).map(PrometheusMeterRegistry::scrape);
    }

    private static Optional<PrometheusMeterRegistry> prometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return Optional.of(prometheus);
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            return composite.getRegistries().stream().map(ReceiverMetrics::prometheus).flatMap(Optional::stream)
                    .findFirst();
        }
        return Optional.empty();
    }
}
