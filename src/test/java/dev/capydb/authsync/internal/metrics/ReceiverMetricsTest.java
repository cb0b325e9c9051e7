package dev.capydb.authsync.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.common.Problem;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiverMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        ReceiverMetrics.stop();
    }

    private ReceiverMetrics start() {
        ReceiverMetrics.start(registry, List.of("banata", "auth0", "clerk"), List.of("banata", "auth0"), 64, FRESHNESS); // clerk has no secret
        return ReceiverMetrics.current();
    }

    /** Banata delivered 90 s ago and has a bound it is past; auth0 has none and was never reconciled. */
    private static final ReceiverMetrics.Freshness FRESHNESS = new ReceiverMetrics.Freshness() {
        @Override
        public double secondsSinceDelivery(String provider) {
            return provider.equals("banata") ? 90 : 5;
        }

        @Override
        public double secondsSinceReconciliation(String provider) {
            return provider.equals("banata") ? 3_600 : Double.NaN;
        }

        @Override
        public double silent(String provider) {
            return provider.equals("banata") ? 1 : Double.NaN;
        }
    };

    @Test
    void theGaugesSayHowFreshEachConfiguredProviderIs() {
        start();
        assertEquals(90, registry.get(ReceiverMetrics.SILENCE).tag("provider", "banata").gauge().value());
        assertEquals(1, registry.get(ReceiverMetrics.SILENT).tag("provider", "banata").gauge().value());
        assertEquals(3_600, registry.get(ReceiverMetrics.RECONCILIATION_AGE).tag("provider", "banata").gauge().value());
        assertTrue(Double.isNaN(registry.get(ReceiverMetrics.SILENT).tag("provider", "auth0").gauge().value()));
        assertEquals(2, registry.find(ReceiverMetrics.SILENCE).gauges().size(), "none for clerk, which has no secret");
    }

    @Test
    void reconciliationsCountRepairsAndDeletionsByProvider() {
        ReceiverMetrics metrics = start();
        metrics.reconciled("banata", 7, 2);
        metrics.reconciled("banata", 1, 0);
        metrics.reconciled("clerk", 5, 5); // no secret: not counted
        assertEquals(8, registry.get(ReceiverMetrics.RECONCILIATION_REPAIRED).tag("provider", "banata").counter().count());
        assertEquals(2, registry.get(ReceiverMetrics.RECONCILIATION_DELETED).tag("provider", "banata").counter().count());
        assertEquals(0, registry.get(ReceiverMetrics.RECONCILIATION_DELETED).tag("provider", "auth0").counter().count());
        assertNull(registry.find(ReceiverMetrics.RECONCILIATION_DELETED).tag("provider", "clerk").counter());
    }

    @Test
    void everyConfiguredProviderAndOutcomeIsThereBeforeTheFirstDelivery() {
        start();
        assertEquals(2 * 4 * Outcome.wireNames().size(), registry.find(ReceiverMetrics.DELIVERIES).counters().size());
        assertEquals(0, registry.get(ReceiverMetrics.DELIVERIES)
                .tags("provider", "auth0", "object", "membership", "outcome", "unchanged").counter().count());
    }

    @Test
    void acceptedDeliveriesAreCountedAndTimed() {
        ReceiverMetrics metrics = start();
        metrics.accepted("banata", "user", Outcome.CHANGED, TimeUnit.MILLISECONDS.toNanos(3));
        metrics.accepted("banata", "user", Outcome.INSERTED, TimeUnit.MILLISECONDS.toNanos(40));
        metrics.accepted("banata", "membership", Outcome.DUPLICATE, TimeUnit.MILLISECONDS.toNanos(1));
        assertEquals(2, registry.get(ReceiverMetrics.DELIVERIES)
                .tags("provider", "banata", "object", "user", "outcome", "mirrored").counter().count());
        assertEquals(1, registry.get(ReceiverMetrics.DELIVERIES)
                .tags("provider", "banata", "object", "membership", "outcome", "duplicate").counter().count());
        assertEquals(3, registry.get(ReceiverMetrics.DURATION).tag("provider", "banata").timer().count());
        CountAtBucket[] buckets = registry.get(ReceiverMetrics.DURATION).tag("provider", "banata").timer()
                .takeSnapshot().histogramCounts();
        assertEquals(2, bucket(buckets, TimeUnit.MILLISECONDS.toNanos(5)), "1 ms and 3 ms are within 5 ms");
        assertEquals(3, bucket(buckets, TimeUnit.MILLISECONDS.toNanos(50)));
    }

    @Test
    void reasonsTellAStaleTimestampAndAProviderWithoutASecretApart() {
        ReceiverMetrics metrics = start();
        metrics.rejected("banata", Problem.INVALID_SIGNATURE);
        metrics.rejected("banata", ReceiverMetrics.STALE_TIMESTAMP);
        metrics.rejected("clerk", Problem.UNKNOWN_PROVIDER);
        metrics.rejected("banata", Problem.UNAVAILABLE);
        for (String reason : new String[] {"invalid_signature", "stale_timestamp", "unavailable"}) {
            assertEquals(1, rejections("banata", reason), reason);
        }
        assertEquals(1, rejections("clerk", "unconfigured_provider"));
    }

    @Test
    void pathSegmentsThatNameNoProviderShareOneSeries() {
        ReceiverMetrics metrics = start();
        for (int i = 0; i < 1000; i++) {
            metrics.rejected("forged-" + i, Problem.UNKNOWN_PROVIDER);
        }
        assertEquals(1, registry.find(ReceiverMetrics.REJECTIONS).counters().size(), "no series per sender's whim");
        assertEquals(1000, rejections(ReceiverMetrics.UNKNOWN_PROVIDER, "unknown_provider"));
    }

    @Test
    void batchSizesHaveBucketsUpToTheBound() {
        ReceiverMetrics metrics = start();
        metrics.batchWritten(1);
        metrics.batchWritten(50);
        double[] bounds = Arrays.stream(registry.get(ReceiverMetrics.BATCH_SIZE).summary().takeSnapshot().histogramCounts())
                .mapToDouble(CountAtBucket::bucket).toArray();
        assertEquals("[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]", Arrays.toString(bounds));
        assertEquals(51, registry.get(ReceiverMetrics.BATCH_SIZE).summary().totalAmount());
    }

    @Test
    void stoppingTakesTheMetersOffARegistryThatOutlivesTheApplication() {
        start().accepted("banata", "user", Outcome.CHANGED, 1);
        ReceiverMetrics.stop();
        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
        ReceiverMetrics.current().accepted("banata", "user", Outcome.CHANGED, 1); // off: counts nowhere, fails nowhere
        assertTrue(registry.getMeters().isEmpty());
    }

    private double rejections(String provider, String reason) {
        return registry.get(ReceiverMetrics.REJECTIONS).tags("provider", provider, "reason", reason).counter().count();
    }

    private static double bucket(CountAtBucket[] buckets, long upperBoundNanos) {
        return Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.NANOSECONDS) == upperBoundNanos).findFirst()
                .orElseThrow().count();
    }
}
