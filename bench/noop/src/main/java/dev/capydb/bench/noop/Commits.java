package dev.capydb.bench.noop;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the group commit, without a database: the first request that arrives while none is
 * pending starts a "transaction" of {@value #MILLIS} ms; every request that arrives meanwhile joins
 * it, and all are released together when it ends, as a commit releases its batch.
 */
final class Commits {

    static final int MILLIS = 2;
    private static final Object LOCK = new Object();
    private static List<Runnable> joined = new ArrayList<>();

    static {
        Thread committer = new Thread(Commits::run, "noop-committer");
        committer.setDaemon(true);
        committer.start();
    }

    private Commits() {
    }

    /** Runs {@code release} on the committer's thread once the commit the request joined ends. */
    static void join(Runnable release) {
        synchronized (LOCK) {
            joined.add(release);
            LOCK.notifyAll();
        }
    }

    private static void run() {
        while (true) {
            List<Runnable> batch;
            try {
                synchronized (LOCK) {
                    while (joined.isEmpty()) {
                        LOCK.wait();
                    }
                }
                Thread.sleep(MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (LOCK) {
                batch = joined;
                joined = new ArrayList<>();
            }
            batch.forEach(Runnable::run);
        }
    }
}
