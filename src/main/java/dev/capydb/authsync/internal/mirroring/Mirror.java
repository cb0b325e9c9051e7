package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Applies verified deliveries, and the objects a backfill or reconciliation reads, to the mirror's
 * tables ({@code capydb_auth.users}, {@code organizations} and {@code memberships}) by group commit
 * ({@link GroupCommit}): the deliveries that arrive while a transaction is in flight are written
 * together by the next one ({@link MirrorTransaction}), which also records their keys, so a
 * redelivery finds its key and changes nothing, and a failure leaves neither key nor change behind.
 * This bean gives the line the server's transactions, its managed executor, and a sweep that
 * withdraws, once a second, the suspended deliveries that waited too long.
 *
 * <p>A row takes an event unless it reflects a later {@linkplain
 * dev.capydb.authsync.internal.normalization.NormalizedEvent#sourceTime() source time}, or its user or
 * organization was deleted before the event's source time; a deletion sets {@code deleted_at} and keeps
 * the row (one never seen gets a row holding only the id and the deletion, so a create that arrives
 * late cannot bring it back). A membership, unlike them, comes back with a newer event; see
 * {@link MirrorTable#MEMBERSHIPS}.
 */
@ApplicationScoped
public class Mirror {

    @Inject
    MirrorDatabase database;

    @Inject
    MirrorTransaction transaction;

    /** Jakarta Concurrency's default executor: writes on while the deliveries in line are suspended ones. */
    @Resource
    ManagedExecutorService executor;

    /** Withdraws, once a second, the suspended deliveries that waited longer than {@code capydb.auth.stall-seconds}. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    private GroupCommit line;
    private ScheduledFuture<?> sweep;

    /**
     * One sweep for all suspended deliveries rather than a timer per request: a timer per request
     * costs the JAX-RS runtime a scheduled task, and a cancelled one may stay queued until it is due.
     */
    @PostConstruct
    void start() {
        // A delivery waits in line up to capydb.auth.stall-seconds, after which the batch ahead counts as stuck.
        line = new GroupCommit(transaction::write, executor, () -> database.maxBatchSize(),
                () -> database.settings().stallLimit(), size -> ReceiverMetrics.current().batchWritten(size));
        sweep = scheduler.scheduleWithFixedDelay(line::withdrawExpired, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        sweep.cancel(false);
    }

    /**
     * Applies the delivery and returns once the transaction that holds it has committed.
     *
     * @param afterCommit what to do once the delivery is committed, given what it did: run by the
     *     writer of its batch, after the commit and before the next batch, in order of arrival
     * @throws MirrorException when it could not be applied, nothing of it written; also when it waited
     *     in line longer than {@code capydb.auth.stall-seconds} (the write path is stuck) and was withdrawn
     */
    public Outcome apply(MirrorWrite write, Consumer<Outcome> afterCommit) {
        return line.apply(write, afterCommit);
    }

    /**
     * Applies the delivery as {@link #apply} does, without holding the caller's thread: {@code done}
     * is called with what became of it, on the thread that wrote its batch, after its after-commit
     * action; or, when it waited in line longer than {@code capydb.auth.stall-seconds}, with the
     * failure of its withdrawal.
     */
    public void submit(MirrorWrite write, Consumer<Outcome> afterCommit, Consumer<Result> done) {
        line.submit(write, afterCommit, done);
    }

    /**
     * Applies {@code writes} in their order, as {@link #apply} applies one: the bulk entry of the same
     * write path, for a backfill or a reconciliation. They wait as long as the line takes: a backfill has
     * no sender to retry.
     *
     * @return what became of each, in the order given: a failure does not stop the others
     */
    public List<Result> applyAll(List<MirrorWrite> writes, BiConsumer<MirrorWrite, Outcome> afterCommit) {
        return line.applyAll(writes, afterCommit);
    }

    /** What became of one delivery: its outcome, or the failure that left nothing of it written. */
    public record Result(Outcome value, MirrorException failure) {

        /** The outcome; throws the failure if it failed. */
        public Outcome outcome() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /**
     * How long the batch being written, its after-commit actions included, has taken so far; zero
     * while none is. Every delivery waits behind it, so a long one means the write path is stuck.
     */
    public Duration currentBatchAge() {
        return line.currentBatchAge();
    }

    /** How many deliveries wait for a transaction. */
    public int waiting() {
        return line.waiting();
    }
}
