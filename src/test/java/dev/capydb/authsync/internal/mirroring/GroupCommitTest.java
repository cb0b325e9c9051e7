package dev.capydb.authsync.internal.mirroring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The line and the turns of group commit, without a container or a database: a transaction that
 * records the batches it is given, and can be held, made to fail, or to throw an {@link Error}.
 */
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Transaction transaction = new Transaction();
    private final List<String> afterCommits = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger executorTasks = new AtomicInteger();
    /** Runs each task on a thread of its own, as a managed executor would on one of its threads. */
    private final Executor executor = task -> {
        executorTasks.incrementAndGet();
        new Thread(task, "executor").start();
    };
    private final List<Thread> callers = new ArrayList<>();
    private int maxBatchSize = 64;
    private Duration patience = WAIT.multipliedBy(6);
    private final GroupCommit line = new GroupCommit(transaction, executor, () -> maxBatchSize, () -> patience,
            size -> { });

    @AfterEach
    void release() throws InterruptedException {
        transaction.release();
        for (Thread caller : callers) {
            caller.join(WAIT.toMillis());
        }
    }

    @Test
    void aWriteOnAnIdleLineIsWrittenAtOnceAlone() {
        assertEquals(Outcome.CHANGED, line.apply(write("w1"), outcome -> afterCommits.add("w1 " + outcome)));
        assertEquals(List.of(List.of("w1")), transaction.batches());
        assertEquals(List.of("w1 CHANGED"), afterCommits, "the after-commit action ran before apply returned");
    }

    @Test
    void writesThatArriveDuringATransactionAreWrittenTogetherByTheFirstWaitingCaller() throws Exception {
        List<CompletableFuture<Outcome>> outcomes = behindAHeldTransaction("w1", "w2", "w3", "w4");
        assertEquals(1, transaction.batches().size(), "nothing written while the first transaction is in flight");

        transaction.release();
        for (CompletableFuture<Outcome> outcome : outcomes) {
            assertEquals(Outcome.CHANGED, done(outcome));
        }
        assertEquals(List.of(List.of("w1"), List.of("w2", "w3", "w4")), transaction.batches());
        assertEquals("caller w2", transaction.threads().get(1), "the turn went to the first caller in line");
        assertEquals(List.of("w1 CHANGED", "w2 CHANGED", "w3 CHANGED", "w4 CHANGED"), afterCommits);
        assertEquals(0, executorTasks.get(), "callers that wait write their own batches");
    }

    @Test
    void noBatchIsLongerThanTheLimit() throws Exception {
        maxBatchSize = 2;
        transaction.hold();
        CompletableFuture<List<Mirror.Result>> all = CompletableFuture.supplyAsync(() -> line.applyAll(
                List.of(write("w1"), write("w2"), write("w3"), write("w4"), write("w5")),
                (write, outcome) -> afterCommits.add(write.key())));
        await(() -> transaction.inFlight() == 1);
        transaction.release();
        List<Mirror.Result> results = done(all);
        assertEquals(List.of(List.of("w1", "w2"), List.of("w3", "w4"), List.of("w5")), transaction.batches());
        results.forEach(result -> assertEquals(Outcome.CHANGED, result.outcome()));
        assertEquals(List.of("w1", "w2", "w3", "w4", "w5"), afterCommits);
    }

    @Test
    void aCallerWaitingLongerThanThePatienceWithdrawsItsWriteUnwritten() throws Exception {
        patience = Duration.ofSeconds(1);
        transaction.hold();
        CompletableFuture<Outcome> first = applyOnThread("w1");
        await(() -> transaction.inFlight() == 1);
        CompletableFuture<Outcome> stuck = applyOnThread("w2");
        await(() -> line.waiting() == 1);
        assertTrue(line.currentBatchAge().compareTo(Duration.ZERO) > 0, "the stalled batch's age shows");

        Throwable withdrawn = failure(stuck);
        MirrorException failure = assertInstanceOf(MirrorException.class, withdrawn);
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertEquals(0, line.waiting());

        transaction.release();
        assertEquals(Outcome.CHANGED, done(first));
        assertEquals(List.of(List.of("w1")), transaction.batches(), "the withdrawn write was never written");
        assertEquals(Duration.ZERO, line.currentBatchAge());
    }

    @Test
    void theSweepWithdrawsASubmittedWriteThatWaitedTooLong() throws Exception {
        patience = Duration.ofSeconds(1);
        transaction.hold();
        CompletableFuture<Outcome> first = applyOnThread("w1");
        await(() -> transaction.inFlight() == 1);
        CompletableFuture<Mirror.Result> submitted = new CompletableFuture<>();
        line.submit(write("w2"), outcome -> afterCommits.add("w2"), submitted::complete);
        assertEquals(1, line.waiting());
        line.withdrawExpired();
        assertEquals(1, line.waiting(), "not yet past the patience");

        Thread.sleep(patience.toMillis() + 50);
        line.withdrawExpired();
        Mirror.Result result = done(submitted);
        assertNull(result.value());
        assertInstanceOf(TimeoutException.class, result.failure().getCause());

        transaction.release();
        done(first);
        assertEquals(List.of(List.of("w1")), transaction.batches());
        assertEquals(List.of("w1 CHANGED"), afterCommits, "nothing ran for the withdrawn write");
    }

    @Test
    void aBatchThatFailsIsWrittenAgainWriteByWriteSoThatABadWriteFailsAlone() throws Exception {
        transaction.refuse("bad");
        List<CompletableFuture<Outcome>> outcomes = behindAHeldTransaction("w1", "bad", "w3");
        CompletableFuture<Outcome> bad = outcomes.get(1);
        CompletableFuture<Outcome> good = outcomes.get(2);
        transaction.release();

        done(outcomes.get(0));
        assertEquals(Outcome.CHANGED, done(good));
        Throwable refused = failure(bad);
        assertInstanceOf(SQLException.class, refused.getCause());
        assertEquals(List.of(List.of("w1"), List.of("bad", "w3"), List.of("bad"), List.of("w3")), transaction.batches());
    }

    @Test
    void anErrorInABatchFailsItsWritesAndTheLineGoesOn() throws Exception {
        transaction.throwErrorOn("w2");
        List<CompletableFuture<Outcome>> outcomes = behindAHeldTransaction("w1", "w2", "w3");
        CompletableFuture<Outcome> writer = outcomes.get(1);
        CompletableFuture<Outcome> sameBatch = outcomes.get(2);
        transaction.release();

        done(outcomes.get(0));
        Throwable error = failure(writer);
        assertInstanceOf(Error.class, error, "the writer's caller sees the Error itself");
        Throwable abandoned = failure(sameBatch);
        assertInstanceOf(MirrorException.class, abandoned);
        assertEquals(Duration.ZERO, line.currentBatchAge());

        assertEquals(Outcome.CHANGED, line.apply(write("w4"), outcome -> { }), "the next arrival takes the turn");
        assertEquals(List.of(List.of("w1"), List.of("w2", "w3"), List.of("w4")), transaction.batches());
    }

    @Test
    void submittedWritesGoOnOnTheExecutorOnceTheWritersOwnIsDone() throws Exception {
        transaction.hold();
        List<CompletableFuture<Mirror.Result>> done = new ArrayList<>();
        for (String key : List.of("w1", "w2", "w3")) {
            CompletableFuture<Mirror.Result> result = new CompletableFuture<>();
            done.add(result);
            if (key.equals("w1")) {
                // The first submitter finds the line idle and writes, on its own thread.
                callers.add(start("submitter", () -> line.submit(write(key), outcome -> { }, result::complete)));
                await(() -> transaction.inFlight() == 1);
            } else {
                line.submit(write(key), outcome -> afterCommits.add(key), result::complete);
            }
        }
        assertEquals(2, line.waiting());
        transaction.release();
        for (CompletableFuture<Mirror.Result> result : done) {
            assertEquals(Outcome.CHANGED, done(result).outcome());
        }
        assertEquals(List.of(List.of("w1"), List.of("w2", "w3")), transaction.batches());
        assertEquals(List.of("submitter", "executor"), transaction.threads(),
                "the submitter's thread returns once its own write is done; the executor writes on");
        assertEquals(1, executorTasks.get());
        assertEquals(List.of("w2", "w3"), afterCommits);
    }

    /**
     * Has a caller apply {@code first}, holds its transaction in flight, and has a caller apply each of
     * {@code next} in turn, once the one before waits in line: their outcomes, in that order.
     */
    private List<CompletableFuture<Outcome>> behindAHeldTransaction(String first, String... next)
            throws InterruptedException {
        transaction.hold();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(List.of(applyOnThread(first)));
        await(() -> transaction.inFlight() == 1);
        for (String key : next) {
            outcomes.add(applyOnThread(key));
            int waiting = outcomes.size() - 1;
            await(() -> line.waiting() == waiting);
        }
        return outcomes;
    }

    /** What {@code future} came to, once it did. */
    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Why {@code future} failed: it must have. */
    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, () -> done(future)).getCause();
    }

    private CompletableFuture<Outcome> applyOnThread(String key) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        callers.add(start("caller " + key, () -> {
            try {
                outcome.complete(line.apply(write(key), result -> afterCommits.add(key + " " + result)));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }));
        return outcome;
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT);
            }
            Thread.sleep(5);
        }
    }

    private static MirrorWrite write(String key) {
        return new MirrorWrite("test", key, Instant.EPOCH, NormalizedEvent.notMirrored("session.created", null, null),
                null);
    }

    /** Records the batches it writes, and the threads it writes them on; answers every write CHANGED. */
    private static final class Transaction implements GroupCommit.Transaction {

        private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile String refused;
        private volatile String error;

        /** The next transactions wait in flight until {@link #release()}. */
        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        /** A batch holding {@code key} fails, as one holding a value the database refuses. */
        void refuse(String key) {
            refused = key;
        }

        /** A batch holding {@code key} throws an {@link Error}. */
        void throwErrorOn(String key) {
            error = key;
        }

        @Override
        public List<Outcome> write(List<MirrorWrite> batch) throws Exception {
            List<String> keys = batch.stream().map(MirrorWrite::key).toList();
            batches.add(keys);
            threads.add(Thread.currentThread().getName());
            inFlight.incrementAndGet();
            try {
                if (!gate.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held too long");
                }
            } finally {
                inFlight.decrementAndGet();
            }
            if (keys.contains(error)) {
                throw new Error("a writer's own failure");
            }
            if (keys.contains(refused)) {
                throw new SQLException("value refused", "22021");
            }
            return batch.stream().map(write -> Outcome.CHANGED).toList();
        }

        List<List<String>> batches() {
            return List.copyOf(batches);
        }

        List<String> threads() {
            return List.copyOf(threads);
        }

        int inFlight() {
            return inFlight.get();
        }
    }
}
