package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.common.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The line and the turns of group commit, apart from any container: the writes that arrive while a
 * transaction is in flight wait in line, and the next transaction writes them all and commits once.
 * A write on an idle line is a batch of one, written at once: nothing ever waits for a batch to fill.
 *
 * <p>There is no writer thread: the caller that finds no transaction in flight writes the next batch,
 * which holds its own write, on its own thread. It then hands the turn to the caller whose write is
 * next in line. When that write was {@linkplain #submit submitted} by a caller that does not wait (a
 * suspended request), nobody is there to take the turn: the writer goes on with the next batch, on the
 * executor once its own write is done, so that its caller can return (a request's answer is sent only
 * when its thread leaves the servlet). At most one transaction is in flight, and writes are written,
 * and their after-commit actions run, in the order they arrived.
 */
final class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());
    private static final long IDLE = Long.MIN_VALUE;

    /** Writes one batch in one transaction: all of it commits, or none of it. */
    @FunctionalInterface
    interface Transaction {
        /** @return what each write did, in the order of {@code batch} */
        List<Outcome> write(List<MirrorWrite> batch) throws Exception;
    }

    private final Transaction transaction;
    private final Executor executor;
    private final IntSupplier maxBatchSize;
    private final Supplier<Duration> patience;
    private final IntConsumer batchWritten;

    /** Guards {@link #waiting}, {@link #writing} and {@link #turnGivenTo}. */
    private final Object lock = new Object();
    private final Queue<Pending> waiting = new ArrayDeque<>();
    /** Whether a caller holds the turn to write; while none does, the next arrival takes it. */
    private boolean writing;
    /** The write whose waiting caller was handed the turn and has not yet taken its batch. */
    private Pending turnGivenTo;
    /** {@link System#nanoTime()} when the batch being written began, or {@link #IDLE}. */
    private volatile long batchStart = IDLE;

    /**
     * @param transaction writes a batch
     * @param executor writes on while the writes in line are ones nobody waits for
     * @param maxBatchSize the most writes one transaction takes
     * @param patience how long a write waits in line before it is withdrawn and fails: the time after
     *     which the batch ahead of it counts as stuck
     * @param batchWritten told the size of each batch before it is written
     */
    GroupCommit(Transaction transaction, Executor executor, IntSupplier maxBatchSize, Supplier<Duration> patience,
            IntConsumer batchWritten) {
        this.transaction = transaction;
        this.executor = executor;
        this.maxBatchSize = maxBatchSize;
        this.patience = patience;
        this.batchWritten = batchWritten;
    }

    /**
     * Applies the write and returns once the transaction that holds it has committed.
     *
     * @param afterCommit what to do once the write is committed, given what it did: run by the writer of
     *     its batch, after the commit and before the next batch, in order of arrival, so that what one
     *     write causes never overtakes what an earlier one caused
     * @throws MirrorException when it could not be applied, nothing of it written; also when it waited in
     *     line longer than the patience (the write path is stuck) and was withdrawn
     */
    Outcome apply(MirrorWrite write, Consumer<Outcome> afterCommit) {
        Pending pending = new Pending(write, afterCommit, null);
        boolean myTurn = join(List.of(pending));
        long deadline = System.nanoTime() + patience.get().toNanos();
        while (true) {
            if (myTurn) {
                writeWhileMyTurn(pending);
            }
            Pending.Wake wake = pending.awaitTurnOrResult(deadline);
            if (wake == Pending.Wake.DONE) {
                return pending.result().outcome();
            }
            myTurn = wake == Pending.Wake.TURN;
            if (wake == Pending.Wake.DEADLINE) {
                if (withdraw(pending)) {
                    throw MirrorException.waitedTooLong();
                }
                // Taken into a batch meanwhile, or handed the turn: its answer is near.
                deadline = Long.MAX_VALUE;
            }
        }
    }

    /**
     * Applies the write as {@link #apply} does, without holding the caller's thread: {@code done} is
     * called with what became of it, on the thread that wrote its batch, after its after-commit action;
     * or, when {@link #withdrawExpired} found it in line for longer than the patience, with the failure
     * of its withdrawal. The caller that finds no transaction in flight still writes, on its own thread.
     */
    void submit(MirrorWrite write, Consumer<Outcome> afterCommit, Consumer<Mirror.Result> done) {
        Pending pending = new Pending(write, afterCommit, done);
        if (join(List.of(pending))) {
            writeWhileMyTurn(pending);
        }
    }

    /**
     * Applies {@code writes} in their order, as {@link #apply} applies one, and returns once all are
     * written or failed. They join the line at once, so they fill batches; writes that arrive meanwhile
     * wait behind them. They wait as long as the line takes.
     *
     * @return what became of each, in the order given: a failure does not stop the others
     */
    List<Mirror.Result> applyAll(List<MirrorWrite> writes, BiConsumer<MirrorWrite, Outcome> afterCommit) {
        List<Pending> pendings = writes.stream()
                .map(write -> new Pending(write, outcome -> afterCommit.accept(write, outcome), null))
                .toList();
        boolean myTurn = join(pendings);
        // The turn may come to any of them, even to several in a row: this thread writes each time.
        for (Pending pending : pendings) {
            while (myTurn || pending.awaitTurnOrResult(Long.MAX_VALUE) == Pending.Wake.TURN) {
                myTurn = false;
                writeWhileMyTurn(pending);
            }
        }
        return pendings.stream().map(Pending::result).toList();
    }

    /**
     * Fails the submitted writes in line for longer than the patience; they are not written. Callers
     * that wait withdraw their own.
     */
    void withdrawExpired() {
        List<Pending> expired = new ArrayList<>();
        synchronized (lock) {
            if (waiting.isEmpty()) {
                return;
            }
            long oldest = System.nanoTime() - patience.get().toNanos();
            for (Iterator<Pending> line = waiting.iterator(); line.hasNext(); ) {
                Pending pending = line.next();
                if (pending.queuedAt - oldest > 0) {
                    break; // in order of arrival: the rest are younger
                }
                if (!pending.callerWaits()) {
                    line.remove();
                    expired.add(pending);
                }
            }
        }
        expired.forEach(pending -> pending.fail(MirrorException.waitedTooLong()));
    }

    /**
     * How long the batch being written, its after-commit actions included, has taken so far; zero while
     * none is. Every write waits behind it, so a long one means the write path is stuck.
     */
    Duration currentBatchAge() {
        long start = batchStart;
        return start == IDLE ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
    }

    /** How many writes wait for a transaction. */
    int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Puts the writes in line; returns whether the caller takes the turn to write. */
    private boolean join(List<Pending> pendings) {
        synchronized (lock) {
            waiting.addAll(pendings);
            boolean myTurn = !writing;
            writing = true;
            return myTurn;
        }
    }

    private boolean withdraw(Pending pending) {
        synchronized (lock) {
            return pending != turnGivenTo && waiting.remove(pending);
        }
    }

    /**
     * Writes batches from the head of the line until the turn passes to a waiting caller or the line
     * is empty. While the next in line is a write nobody waits for, the turn stays with this thread,
     * until {@code own}, the caller's write, is done: then the executor writes on.
     *
     * @param own the write of this thread's caller, or {@code null} on the executor
     */
    private void writeWhileMyTurn(Pending own) {
        boolean again = true;
        while (again) {
            List<Pending> batch = takeBatch();
            if (batch.isEmpty()) {
                return;
            }
            batchStart = System.nanoTime();
            batchWritten.accept(batch.size());
            try {
                write(batch);
            } catch (Error e) {
                // Fails the batch's writes unfinished, then passes the turn on as far as it can: to a
                // waiting caller, else to the next arrival (the submitted ones wait for it, or time out).
                finishBatch(batch);
                passTurn(false);
                throw e;
            }
            finishBatch(batch);
            again = passTurn(true) && !(own != null && own.isFinished() && continuedOnExecutor());
        }
    }

    /** Hands the turn to the executor; {@code false} if it takes no task (the application is stopping). */
    private boolean continuedOnExecutor() {
        try {
            executor.execute(() -> writeWhileMyTurn(null));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The longest batch allowed from the head of the line; empty, and the turn given up, if the line is. */
    private List<Pending> takeBatch() {
        int limit = maxBatchSize.getAsInt();
        List<Pending> batch = new ArrayList<>();
        synchronized (lock) {
            turnGivenTo = null;
            while (batch.size() < limit && !waiting.isEmpty()) {
                batch.add(waiting.remove());
            }
            writing = !batch.isEmpty();
        }
        return batch;
    }

    private void finishBatch(List<Pending> batch) {
        batchStart = IDLE;
        batch.forEach(Pending::abandon);
    }

    /**
     * Hands the turn to the caller waiting on the next write in line, if any.
     *
     * @param keep whether this thread may keep the turn when the next write's caller does not wait
     * @return whether this thread writes the next batch
     */
    private boolean passTurn(boolean keep) {
        Pending next;
        synchronized (lock) {
            next = waiting.peek();
            boolean handedOn = next != null && next.callerWaits();
            turnGivenTo = handedOn ? next : null;
            writing = handedOn || (next != null && keep);
        }
        if (next == null) {
            return false;
        }
        if (next.callerWaits()) {
            next.takeTurn();
            return false;
        }
        return keep;
    }

    /**
     * One transaction for the batch; if it fails, one for each write, so that a write the database
     * refuses fails alone, and a fault that passes fails only the writes it hit.
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
            // the outcome is unknown: a retry either applies the write or finds it recorded).
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

    /** A write in line, and then what became of it; its caller waits on it or is called back. */
    private static final class Pending {

        /** Why {@link #awaitTurnOrResult} returned. */
        enum Wake { DONE, TURN, DEADLINE }

        private final MirrorWrite write;
        private final Consumer<Outcome> afterCommit;
        /** Called with the result when the caller does not wait; {@code null} when it does. */
        private final Consumer<Mirror.Result> done;
        /** {@link System#nanoTime()} when it joined the line. */
        final long queuedAt = System.nanoTime();
        private boolean finished;
        private boolean turn;
        private Outcome outcome;
        private MirrorException failure;

        Pending(MirrorWrite write, Consumer<Outcome> afterCommit, Consumer<Mirror.Result> done) {
            this.write = write;
            this.afterCommit = afterCommit;
            this.done = done;
        }

        MirrorWrite write() {
            return write;
        }

        boolean callerWaits() {
            return done == null;
        }

        synchronized boolean isFinished() {
            return finished;
        }

        /**
         * Waits until the write was written, its caller is handed the turn to write, or {@code deadline}
         * ({@link System#nanoTime()}) passed. Uninterruptible: a write in line is written whatever its
         * caller does meanwhile.
         */
        synchronized Wake awaitTurnOrResult(long deadline) {
            boolean interrupted = false;
            long left = deadline - System.nanoTime();
            while (!finished && !turn && left > 0) {
                try {
                    if (deadline == Long.MAX_VALUE) {
                        wait();
                    } else {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                left = deadline - System.nanoTime();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (finished) {
                return Wake.DONE;
            }
            if (turn) {
                turn = false;
                return Wake.TURN;
            }
            return Wake.DEADLINE;
        }

        synchronized void takeTurn() {
            turn = true;
            notifyAll();
        }

        /** Runs the after-commit action, then lets the caller have the result. */
        void committed(Outcome result) {
            try {
                afterCommit.accept(result);
            } catch (RuntimeException e) {
                // The write is durable: what came after cannot undo it, nor stop the writer.
                LOG.log(Level.WARNING, "An action after the commit of a write failed; it is acknowledged", e);
            }
            finish(result, null);
        }

        void fail(Exception cause) {
            finish(null, cause instanceof MirrorException mirror ? mirror : new MirrorException(cause));
        }

        /** Fails it unless it was finished: its writer itself failed unexpectedly (an Error). */
        void abandon() {
            synchronized (this) {
                if (finished) {
                    return;
                }
            }
            finish(null, new MirrorException(new IllegalStateException("The batch holding this write failed")));
        }

        private void finish(Outcome result, MirrorException cause) {
            synchronized (this) {
                if (finished) {
                    return;
                }
                outcome = result;
                failure = cause;
                finished = true;
                notifyAll();
            }
            if (done != null) {
                try {
                    done.accept(new Mirror.Result(result, cause));
                } catch (RuntimeException e) {
                    // Answering one caller must not stop the writer, which answers the others.
                    LOG.log(Level.WARNING, "Handing a write's result to its caller failed", e);
                }
            }
        }

        synchronized Mirror.Result result() {
            return new Mirror.Result(outcome, failure);
        }
    }
}
