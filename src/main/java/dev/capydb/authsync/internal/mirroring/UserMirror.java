package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies verified deliveries to {@code capydb_auth.users} by group commit: the deliveries that
 * arrive while a transaction is in flight wait, and the next transaction writes them all and
 * commits once. A delivery on an idle database is a batch of one, written at once: nothing ever
 * waits for a batch to fill. Each transaction also records its deliveries' keys, so a redelivery
 * finds its key and changes nothing, and a failure leaves neither key nor change behind.
 *
 * <p>There is no writer thread: the caller that finds no transaction in flight writes the next
 * batch, which holds its own delivery, on its own thread, and then hands the turn to the caller
 * whose delivery is next in line. At most one transaction per application is in flight, and
 * deliveries are written, and their after-commit actions run, in the order they arrived.
 */
@ApplicationScoped
public class UserMirror {

    private static final Logger LOG = Logger.getLogger(UserMirror.class.getName());
    private static final long IDLE = Long.MIN_VALUE;

    @Inject
    MirrorDatabase database;

    @Inject
    MirrorTransaction transaction;

    /** Guards {@link #waiting} and {@link #writing}. */
    private final Object lock = new Object();
    private final Queue<Pending> waiting = new ArrayDeque<>();
    /** Whether a caller holds the turn to write; while none does, {@link #waiting} is empty. */
    private boolean writing;
    /** {@link System#nanoTime()} when the batch being written began, or {@link #IDLE}. */
    private volatile long batchStart = IDLE;

    /**
     * Applies the delivery and returns once the transaction that holds it has committed. The row
     * takes the event unless it reflects a later {@linkplain
     * dev.capydb.authsync.internal.normalization.NormalizedEvent#sourceTime() source time}, or the
     * user was deleted before the event's source time; a deletion sets {@code deleted_at} and keeps
     * the row (a user never seen gets a row holding only the id and the deletion, so a create that
     * arrives late cannot bring it back).
     *
     * @param afterCommit what to do once the delivery is committed, given what it did: run by the
     *     writer of its batch, after the commit and before the next batch, in order of arrival, so that
     *     what one delivery causes never overtakes what an earlier one caused
     * @throws MirrorException when it could not be applied; nothing of it was written
     */
    public Outcome apply(UserWrite write, Consumer<Outcome> afterCommit) {
        return applyAll(List.of(write), (applied, outcome) -> afterCommit.accept(outcome)).get(0).outcome();
    }

    /**
     * Applies {@code deliveries} in their order, as {@link #apply} applies one, and returns once all
     * are written or failed: the bulk entry of the same write path, for a backfill. They join the
     * line at once, so they fill batches; deliveries that arrive meanwhile wait behind them.
     *
     * @return what became of each, in the order given: a failure does not stop the others
     */
    public List<Result> applyAll(List<UserWrite> writes, BiConsumer<UserWrite, Outcome> afterCommit) {
        List<Pending> pendings = writes.stream()
                .map(write -> new Pending(write, outcome -> afterCommit.accept(write, outcome)))
                .toList();
        boolean myTurn;
        synchronized (lock) {
            waiting.addAll(pendings);
            myTurn = !writing;
            writing = true;
        }
        // The turn may come to any of them, even to several in a row: this thread writes each time.
        for (Pending pending : pendings) {
            while (myTurn || pending.awaitTurnOrResult()) {
                myTurn = false;
                writeNextBatch();
            }
        }
        return pendings.stream().map(Pending::result).toList();
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
        long start = batchStart;
        return start == IDLE ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
    }

    /** How many deliveries wait for a transaction. */
    public int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Writes the longest batch allowed from the head of the line, which holds the caller's delivery. */
    private void writeNextBatch() {
        int maxBatchSize = database.maxBatchSize();
        List<Pending> batch = new ArrayList<>();
        synchronized (lock) {
            while (batch.size() < maxBatchSize && !waiting.isEmpty()) {
                batch.add(waiting.remove());
            }
        }
        batchStart = System.nanoTime();
        ReceiverMetrics.current().batchWritten(batch.size());
        try {
            write(batch);
        } finally {
            batchStart = IDLE;
            batch.forEach(Pending::abandon);
            Pending next;
            synchronized (lock) {
                next = waiting.peek();
                writing = next != null;
            }
            if (next != null) {
                next.takeTurn();
            }
        }
    }

    /**
     * One transaction for the batch; if it fails, one for each delivery, so that a delivery the
     * database refuses fails alone, and a fault that passes fails only the deliveries it hit.
     */
    private void write(List<Pending> batch) {
        try {
            List<Outcome> outcomes = transaction.write(batch.stream().map(Pending::write).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).committed(outcomes.get(i));
            }
        } catch (Exception batchFailure) {
            // Also a failed commit, which the transaction interceptor may rethrow checked
            // (RollbackException; HeuristicMixedException when the connection died while committing, so
            // the outcome is unknown: a retry either applies the delivery or finds it recorded).
            if (batch.size() == 1) {
                batch.get(0).fail(batchFailure);
                return;
            }
            for (Pending pending : batch) {
                try {
                    pending.committed(transaction.write(List.of(pending.write())).get(0));
                } catch (Exception failure) {
                    pending.fail(failure);
                }
            }
        }
    }

    /** A delivery in line, and then what became of it; its caller waits on it. */
    private static final class Pending {

        private final UserWrite write;
        private final Consumer<Outcome> afterCommit;
        private boolean done;
        private boolean turn;
        private Outcome outcome;
        private MirrorException failure;

        Pending(UserWrite write, Consumer<Outcome> afterCommit) {
            this.write = write;
            this.afterCommit = afterCommit;
        }

        UserWrite write() {
            return write;
        }

        /**
         * Waits until the delivery was written or its caller is handed the turn to write.
         * Uninterruptible: a delivery in line is written whatever its caller does meanwhile.
         *
         * @return whether it is the caller's turn to write
         */
        synchronized boolean awaitTurnOrResult() {
            boolean interrupted = false;
            while (!done && !turn) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return !done;
        }

        synchronized void takeTurn() {
            turn = true;
            notifyAll();
        }

        /** Runs the after-commit action, then lets the caller return. */
        void committed(Outcome result) {
            try {
                afterCommit.accept(result);
            } catch (RuntimeException e) {
                // The delivery is durable: what came after cannot undo it, nor stop the writer.
                LOG.log(Level.WARNING, "An action after the commit of a write failed; it is acknowledged", e);
            }
            finish(result, null);
        }

        synchronized void fail(Exception cause) {
            finish(null, cause instanceof MirrorException mirror ? mirror : new MirrorException(cause));
        }

        /** Fails it unless it was finished: its writer itself failed unexpectedly (an Error). */
        synchronized void abandon() {
            if (!done) {
                finish(null, new MirrorException(new IllegalStateException("The batch holding this write failed")));
            }
        }

        private synchronized void finish(Outcome result, MirrorException cause) {
            if (!done) {
                outcome = result;
                failure = cause;
                done = true;
                notifyAll();
            }
        }

        synchronized Result result() {
            return new Result(outcome, failure);
        }
    }
}
