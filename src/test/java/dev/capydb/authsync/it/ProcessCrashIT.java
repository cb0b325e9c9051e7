package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application server's process killed with SIGKILL while deliveries are in flight, as a crash,
 * an OOM kill or a {@code kill -9} during a deploy do. Senders retry every delivery until it is
 * answered 2xx, as providers do; the server is killed once a third of them were acknowledged,
 * started again, and the senders finish. Every delivery ever acknowledged must be in the table, the
 * table must equal in-order delivery, and every delivery id must be recorded exactly once. A
 * reconciliation is reading its source when the server dies: it holds the lock only until its lease
 * ends, and the next run takes it over and records the killed one abandoned.
 *
 * <p>Not through Arquillian, which cannot kill its container: a WildFly of its own (the build's
 * distribution, with its own base directory and a port offset), the test WAR exported into its
 * deployments. WildFly only: the crash and the recovery are the database's and the receiver's,
 * which the Payara run of every other test covers. It runs on PostgreSQL and on MariaDB (its tags).
 */
@ExtendWith(Prerequisites.class)
@ExtendWith(TestDatabase.class)
@Tag("faults")
@Tag("database")
@Tag("kills-server")
class ProcessCrashIT {

    private static final int PORT_OFFSET = 300;
    private static final int USERS = 24;
    private static final int UPDATES = 5;
    private static final int SENDERS = 8;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final String ADMIN = "process-crash-it-admin";
    private static final String CLERK_KEY = "sk_test_process_crash_it";
    private static final LocalClerk CLERK = new LocalClerk(CLERK_KEY, 3, "user_pc");

    private static Path base;
    private static Process server;

    @BeforeAll
    static void deploy() throws IOException {
        assumeTrue(Server.current() == Server.WILDFLY, "WildFly only (its tag kills-server keeps it out of the other runs)");
        Path home = Path.of(ReceiverWar.property("jboss.home"));
        base = Path.of("target", "crash-it", "standalone").toAbsolutePath();
        deleteTree(base.getParent());
        Files.createDirectories(base.getParent());
        copyTree(home.resolve("standalone"), base, Set.of("data", "log", "tmp", "deployments"));
        Files.createDirectories(base.resolve("deployments"));
        Map<String, String> settings = new HashMap<>(EventStream.SETTINGS);
        settings.put("capydb.auth.metrics.open", "true");
        // A reconciliation of Clerk runs when the server is killed; it never deletes (the share is 0):
        // the users of the other tests are not in this Clerk.
        settings.put("capydb.auth.backfill.secret", ADMIN);
        settings.put("capydb.auth.backfill.clerk.secret-key", CLERK_KEY);
        settings.put("capydb.auth.backfill.clerk.api-url", CLERK.url());
        settings.put("capydb.auth.reconcile.max-deletion-share", "0");
        settings.put("capydb.auth.reconcile.lease", "PT5S");
        ReceiverWar.onTestDatabase("crash-it", settings).as(ZipExporter.class)
                .exportTo(base.resolve("deployments/crash-it.war").toFile(), true);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            kill(server);
        }
    }

    @Test
    void nothingAcknowledgedIsLostWhenTheServerIsKilledUnderLoad() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        List<EventStream.Event> events = EventStream.histories("crash-" + run + "-", USERS, UPDATES);
        server = start();
        URL url = new URL("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/crash-it/");

        // Each sender owns some users and sends their events in order, each until it is acknowledged.
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unexpected = ConcurrentHashMap.newKeySet();
        AtomicInteger retries = new AtomicInteger();
        CountDownLatch aThird = new CountDownLatch(events.size() / 3);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> sent = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            sent.add(senders.submit(() -> {
                for (EventStream.Event event : events) {
                    if (Math.floorMod(event.userId().hashCode(), SENDERS) != sender) {
                        continue;
                    }
                    while (!acknowledge(event, url, unexpected)) {
                        retries.incrementAndGet();
                        sleep(100);
                    }
                    acknowledged.add(event.deliveryId());
                    aThird.countDown();
                }
                return null;
            }));
        }
        assertTrue(aThird.await(2, TimeUnit.MINUTES), "a third of the deliveries acknowledged");
        int beforeTheCrash = acknowledged.size();
        MetricsIT.Metrics firstLife = metrics(url);
        CLERK.delay(60_000); // the reconciliation is reading Clerk when the server dies
        String killedRun = reconcile(url).getString("id");
        kill(server);
        int retriesBeforeRestart = retries.get();
        server = start();
        for (Future<?> sender : sent) {
            sender.get(5, TimeUnit.MINUTES);
        }
        senders.shutdown();
        assertTrue(retries.get() > retriesBeforeRestart, "deliveries were refused while the server was down");
        assertEquals(Set.of(), unexpected);
        MetricsIT.Metrics secondLife = metrics(url);
        long batches = Math.round(firstLife.value("capydb_auth_batch_size_count")
                + secondLife.value("capydb_auth_batch_size_count"));
        long written = Math.round(firstLife.value("capydb_auth_batch_size_sum")
                + secondLife.value("capydb_auth_batch_size_sum"));
        System.out.printf("ProcessCrashIT (%s): %d deliveries, %d acknowledged before the kill, %d retries;"
                + " %d deliveries written in %d transactions%n", TestDatabase.KIND, events.size(), beforeTheCrash,
                retries.get(), written, batches);
        assertTrue(written > batches, "group commit: some transaction wrote several deliveries");
        for (String deliveryId : acknowledged) {
            assertEquals(1, UsersTable.count("deliveries", "delivery_id", deliveryId), "acknowledged, then lost: " + deliveryId);
        }
        assertEquals(events.size(), acknowledged.size());
        List<EventStream.Event> model = EventStream.histories("crash-model-" + run + "-", USERS, UPDATES);
        for (EventStream.Event event : model) {
            assertEquals(200, event.deliverTo(url).statusCode());
        }
        assertEquals(UsersTable.comparableRows("crash-model-" + run + "-"), UsersTable.comparableRows("crash-" + run + "-"),
                "the table equals in-order delivery, after " + beforeTheCrash + " of " + events.size()
                        + " were acknowledged before the kill and " + retries.get() + " retries");

        // The killed run's lock is free once its lease ended: the next run takes it over and completes.
        CLERK.delay(0);
        String next = reconcile(url).getString("id");
        assertEquals("completed", awaitRun(url, next).getString("status"));
        JsonObject killed = awaitRun(url, killedRun);
        assertEquals("abandoned", killed.getString("status"), killed.toString());
        assertTrue(killed.getString("detail").contains("stopped renewing the lock"), killed.toString());
    }

    /** Starts a reconciliation of Clerk, once no run holds the lock (a killed one holds it until its lease ends). */
    private static JsonObject reconcile(URL url) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            HttpResponse<String> started = Webhooks.send(HttpRequest.newBuilder(
                    Webhooks.resolve(url, "capydb-auth/reconciliation/clerk")).POST(HttpRequest.BodyPublishers.noBody()),
                    "Authorization", "Bearer " + ADMIN);
            if (started.statusCode() == 202) {
                return Webhooks.json(started.body());
            }
            assertEquals(409, started.statusCode(), started.body());
            assertTrue(System.nanoTime() < deadline, "the lock was never free: " + started.body());
            sleep(500);
        }
    }

    /** The run once it no longer runs. */
    private static JsonObject awaitRun(URL url, String id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            HttpResponse<String> run = Webhooks.send(HttpRequest.newBuilder(
                    Webhooks.resolve(url, "capydb-auth/reconciliation/runs/" + id)).GET(), "Authorization", "Bearer " + ADMIN);
            assertEquals(200, run.statusCode(), run.body());
            JsonObject answer = Webhooks.json(run.body());
            if (!answer.getString("status").equals("running")) {
                return answer;
            }
            assertTrue(System.nanoTime() < deadline, "run " + id + " never ended: " + answer);
            sleep(250);
        }
    }

    /** The receiver's meters since the server started (the deployment enables its metrics endpoint). */
    private static MetricsIT.Metrics metrics(URL url) {
        HttpResponse<String> response = Webhooks.get(Webhooks.resolve(url, "capydb-auth/metrics"));
        assertEquals(200, response.statusCode(), response.body());
        return MetricsIT.Metrics.parse(response.body());
    }

    /**
     * One attempt: whether the delivery was answered 2xx. Anything else is retried, as providers do:
     * a refused or broken connection (the server is down, or died while answering), a 404 (up, the
     * application not yet deployed), a 503; any other answer is noted as unexpected.
     */
    private static boolean acknowledge(EventStream.Event event, URL url, Set<String> unexpected) {
        HttpResponse<String> response;
        try {
            response = event.deliverTo(url);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException) {
                return false;
            }
            throw e;
        }
        if (response.statusCode() != 200 && response.statusCode() != 404 && response.statusCode() != 503) {
            unexpected.add(response.statusCode() + " " + response.body());
        }
        return response.statusCode() == 200;
    }

    private static Process start() throws IOException, InterruptedException {
        Path home = Path.of(ReceiverWar.property("jboss.home"));
        Files.deleteIfExists(base.resolve("deployments/crash-it.war.deployed"));
        Files.deleteIfExists(base.resolve("deployments/crash-it.war.failed"));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + PORT_OFFSET,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("../console.log").toFile()));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        Process launcher = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(base.resolve("deployments/crash-it.war.deployed"))) {
            assertTrue(launcher.isAlive() && !Files.exists(base.resolve("deployments/crash-it.war.failed"))
                    && System.nanoTime() < deadline, "WildFly did not deploy crash-it.war; see target/crash-it/console.log");
            Thread.sleep(200);
        }
        return launcher;
    }

    /** SIGKILL to the server's JVM and its launcher: no shutdown hook, no graceful undeploy. */
    private static void kill(Process launcher) {
        List<ProcessHandle> jvm = launcher.descendants().toList();
        jvm.forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        try {
            launcher.onExit().get(1, TimeUnit.MINUTES);
            for (ProcessHandle process : jvm) {
                process.onExit().get(1, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("WildFly did not die", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to, Set<String> skipped) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (relative.getNameCount() > 0 && skipped.contains(relative.getName(0).toString())) {
                    continue;
                }
                Files.copy(path, to.resolve(relative.toString()));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
