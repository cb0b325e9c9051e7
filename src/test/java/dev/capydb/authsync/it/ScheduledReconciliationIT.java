package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduled reconciliation of Better Auth's {@code user} table on two nodes that share one
 * database, each scheduled every {@value #EVERY_SECONDS} seconds: they look at the same moments,
 * yet each period's run runs once, on one of them, and no two overlap; a deletion missed by the
 * webhooks is repaired by the next run; and a run whose node died holding the lock (its row left
 * as a killed node leaves it) holds it only until its lease ends, after which the next run takes
 * it over and records the dead one abandoned.
 */
@ServerTest
@Tag("reconciliation")
@Tag("nodes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledReconciliationIT {

    private static final int EVERY_SECONDS = 3;
    private static final int USERS = 20;
    private static String database;

    @Deployment(name = "node1", testable = false)
    @TargetsContainer("node1")
    static WebArchive node1() {
        return deployment();
    }

    @Deployment(name = "node2", testable = false)
    @TargetsContainer("node2")
    static WebArchive node2() {
        return deployment();
    }

    /** Better Auth's {@code user} table (its 1.7 DDL) with {@value #USERS} users, in the mirror's own database. */
    private static synchronized WebArchive deployment() {
        if (database == null) {
            database = TestDatabase.emptyDatabaseUrl();
            UsersTable.executeOn(database, "CREATE SCHEMA ba");
            UsersTable.executeOn(database, "create table ba.\"user\" (\"id\" text not null primary key, \"name\" text not null,"
                    + " \"email\" text not null unique, \"emailVerified\" boolean not null, \"image\" text,"
                    + " \"createdAt\" timestamptz default CURRENT_TIMESTAMP not null,"
                    + " \"updatedAt\" timestamptz default CURRENT_TIMESTAMP not null)");
            UsersTable.executeOn(database, "insert into ba.\"user\" select 'sr-' || lpad(n::text, 2, '0'), 'Ada Lovelace' || n,"
                    + " 'sr-' || n || '@example.com', true, null, timestamptz '2025-05-01T08:00:00Z' + n * interval '1 minute',"
                    + " timestamptz '2025-05-01T09:00:00Z' from generate_series(0, ? - 1) n", USERS);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("capydb.auth.better-auth.secret", "scheduled-reconciliation-it-secret");
        settings.put("capydb.auth.reconcile.better-auth.every", "PT" + EVERY_SECONDS + "S");
        settings.put("capydb.auth.reconcile.lease", "PT4S");
        settings.put("capydb.auth.backfill.better-auth.schema", "ba");
        return ReceiverWar.onWebXmlDataSource("scheduled-reconciliation-it", settings, database, 10, Map.of());
    }

    @Test
    @Order(1)
    void bothNodesScheduledAtTheSameMomentsRunEachPeriodOnce() {
        List<Map<String, Object>> runs = await(() -> {
            List<Map<String, Object>> completed = runs("status = 'completed'");
            return completed.size() >= 2 ? completed : null;
        });
        assertEquals(USERS, count("deleted_at IS NULL"), "the first run mirrored every user");
        Set<Long> periods = new HashSet<>();
        List<Map<String, Object>> all = runs("true");
        for (Map<String, Object> run : all) {
            assertEquals("schedule", run.get("started_by"));
            assertTrue(periods.add(((Instant) run.get("started_at")).toEpochMilli() / (EVERY_SECONDS * 1_000L)),
                    "one run per period: " + all);
        }
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = (Instant) runs.get(i - 1).get("finished_at");
            assertTrue(!((Instant) runs.get(i).get("started_at")).isBefore(previousEnd), "no two overlap: " + runs);
        }
    }

    @Test
    @Order(2)
    void aDeletionTheWebhooksMissedIsRepairedByTheNextRun() {
        UsersTable.executeOn(database, "DELETE FROM ba.\"user\" WHERE id = 'sr-07'");
        await(() -> UsersTable.queryOn(database, "SELECT deleted_at FROM capydb_auth.users WHERE id = 'sr-07'")
                .get(0).get("deleted_at"));
        assertEquals(USERS - 1, count("deleted_at IS NULL"));
    }

    @Test
    @Order(3)
    void aRunWhoseNodeDiedHoldsTheLockOnlyUntilItsLeaseEnds() {
        String dead = UUID.randomUUID().toString();
        Instant leaseEnd = Instant.now().plusSeconds(4);
        // Taken while no run holds it, as a node killed mid-run leaves it: its run recorded running.
        await(() -> UsersTable.queryOn(database, "UPDATE capydb_auth.providers SET run_id = ?, run_node = '4242@dead-node',"
                + " lease_until = ?::timestamptz, last_run_started_at = now() WHERE provider = 'better-auth' AND run_id IS NULL"
                + " RETURNING provider", dead, leaseEnd.toString()).stream().findFirst().orElse(null));
        UsersTable.executeOn(database, "INSERT INTO capydb_auth.reconciliation_runs (id, provider, node, started_by, status,"
                + " started_at) VALUES (?, 'better-auth', '4242@dead-node', 'schedule', 'running', now())", dead);

        Map<String, Object> abandoned = await(() -> runs("id = '" + dead + "' AND status = 'abandoned'").stream()
                .findFirst().orElse(null));
        assertTrue(((String) abandoned.get("detail")).contains("4242@dead-node"), abandoned.toString());
        Map<String, Object> next = await(() -> runs("status = 'completed' AND started_at >= '" + leaseEnd + "'").stream()
                .findFirst().orElse(null));
        assertTrue(!((Instant) next.get("started_at")).isBefore(leaseEnd), "not before the lease ended: " + next);
        assertNotNull(next.get("finished_at"));
    }

    private static List<Map<String, Object>> runs(String where) {
        return UsersTable.queryOn(database, "SELECT * FROM capydb_auth.reconciliation_runs WHERE provider = 'better-auth'"
                + " AND " + where + " ORDER BY started_at");
    }

    private static long count(String where) {
        return ((Number) UsersTable.queryOn(database, "SELECT count(*) AS n FROM capydb_auth.users WHERE " + where)
                .get(0).get("n")).longValue();
    }

    /** What {@code until} answers once it is not {@code null}, within a minute. */
    private static <T> T await(Supplier<T> until) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        do {
            T value = until.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("never within a minute; the runs: " + runs("true"));
    }
}
