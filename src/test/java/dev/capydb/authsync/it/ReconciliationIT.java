package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reconciliation with Clerk (a local server that answers as its Backend API does), on a mirror
 * of its own database: a first run mirrors what the source holds; drift of each kind (a missed
 * sign-up, change, deletion, membership removal) is repaired while a webhook newer than the source
 * wins; a run is refused while another holds the lock; the safety stop holds when the source is
 * emptied or would lose too many rows, until a run confirms the deletions; the report, the metrics
 * and the readiness check's freshness say so, the freshness going stale and recovering. The tests
 * build on each other's rows, in order.
 */
@ServerTest
@Tag("reconciliation")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationIT {

    private static final String ADMIN = "reconciliation-it-admin-secret";
    private static final String CLERK_KEY = "sk_test_reconciliation_it";
    private static final int USERS = 30;
    /** Organization 0 has the first 12 users as members, organization 1 the first 3, the 9 others the first one. */
    private static final int[] MEMBERS = {12, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    private static final int MEMBERSHIPS = 24;
    private static final Sender AUTH0 = Sender.auth0();
    private static final LocalClerk CLERK = new LocalClerk(CLERK_KEY, USERS, "user_rc");
    private static final Sender SENDER = Sender.clerk();
    /** The mirror's own database, made when the deployment is. */
    private static String database;

    @Deployment(testable = false)
    static WebArchive deployment() {
        database = TestDatabase.emptyDatabaseUrl();
        CLERK.enableOrganizations(MEMBERS);
        Map<String, String> settings = new HashMap<>();
        settings.put("capydb.auth.clerk.secret", SENDER.secret);
        settings.put("capydb.auth.clerk.max-silence", "PT4S");
        settings.put("capydb.auth.backfill.secret", ADMIN);
        settings.put("capydb.auth.backfill.clerk.secret-key", CLERK_KEY);
        settings.put("capydb.auth.backfill.clerk.api-url", CLERK.url());
        settings.put("capydb.auth.metrics.open", "true");
        return ReceiverWar.onWebXmlDataSource("reconciliation-it", settings, database, 10, Map.of());
    }

    @ArquillianResource
    URL base;

    @Test
    @Order(1)
    void aFirstRunMirrorsWhatTheSourceHoldsAndTheCallsNeedTheSecret() {
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer " + ADMIN + "x"})) {
            assertEquals(401, call("POST", "clerk", headers).statusCode());
            assertEquals(401, call("GET", "runs", headers).statusCode());
        }
        authorized("POST", "banata", 404);
        authorized("GET", "runs/00000000-0000-0000-0000-000000000000", 404);

        JsonObject run = awaitEnd(start("clerk"));
        assertEquals(USERS + MEMBERS.length + MEMBERSHIPS, run.getInt("read"), run.toString());
        assertEquals(USERS + MEMBERS.length + MEMBERSHIPS, run.getInt("repaired"));
        assertEquals(0, run.getInt("deleted"));
        assertFalse(run.getBoolean("safetyStop"));
        assertEquals("call", run.getString("startedBy"));
        assertEquals(USERS, count("users", "deleted_at IS NULL"));
        assertEquals(MEMBERSHIPS, count("memberships", "deleted_at IS NULL"));
        assertTrue(Observed.lines(base).contains("UserCreated clerk " + CLERK.id(29) + " committed"));
    }

    @Test
    @Order(2)
    void driftOfEachKindIsRepairedAndAWebhookNewerThanTheSourceWins() {
        CLERK.changeUser(3);                // a missed user.updated
        CLERK.deleteUser(20);               // a missed user.deleted
        CLERK.addUsers(1);                  // a missed user.created: user 30
        CLERK.removeMembership(0, 4);       // a missed organizationMembership.deleted
        CLERK.deleteOrganization(10);       // a missed organization.deleted, and its one membership
        // Another provider's user in the same mirror: not Clerk's to compare.
        byte[] otherProvider = Sender.utf8(AUTH0.created("auth0|reconciliation-it"));
        assertEquals(200, Webhooks.deliver(base, "auth0", otherProvider, AUTH0.sign(otherProvider)).statusCode());
        // A webhook of user 9 newer than what Clerk's list will show of it.
        String webhook = SENDER.updated(CLERK.id(9)).replace("1737023400000", Long.toString(Instant.now().toEpochMilli()));
        assertEquals(200, deliver(webhook).statusCode());
        CLERK.changeUser(9);

        JsonObject run = awaitEnd(start("clerk"));
        assertEquals(2, run.getInt("repaired"), run.toString()); // users 3 and 30
        assertEquals(4, run.getInt("deleted")); // user 20, organization 10, its membership and user 4's in organization 0
        assertEquals(4, run.getInt("wouldDelete"));
        assertFalse(run.getBoolean("safetyStop"));
        assertFalse(run.containsKey("detail"), run.toString());

        assertEquals(CLERK.lastName(3), user(3).get("last_name"));
        assertNotNull(user(20).get("deleted_at"), "the user Clerk no longer has is marked deleted");
        assertEquals("clerk-30@example.com", user(30).get("email"), "the missed sign-up");
        assertEquals("Kerk-Smith", user(9).get("last_name"), "the newer webhook wins over the source");
        assertNotNull(membership(0, 4).get("deleted_at"));
        assertNull(membership(0, 5).get("deleted_at"));
        assertNotNull(UsersTable.queryOn(database, "SELECT deleted_at FROM capydb_auth.organizations WHERE id = ?",
                CLERK.organizationId(10)).get(0).get("deleted_at"));
        assertNotNull(membership(10, 0).get("deleted_at"));
        Map<String, Object> otherUser = UsersTable.queryOn(database,
                "SELECT deleted_at, provider FROM capydb_auth.users WHERE id = 'auth0|reconciliation-it'").get(0);
        assertNull(otherUser.get("deleted_at"), "another provider's user is left alone");
        assertEquals("auth0", otherUser.get("provider"));
        assertEquals("clerk", user(9).get("provider"));
        List<String> lines = Observed.lines(base);
        assertTrue(lines.contains("UserDeleted clerk " + CLERK.id(20) + " committed"), lines.toString());
        assertTrue(lines.contains("UserCreated clerk " + CLERK.id(30) + " committed"));
        assertTrue(lines.contains("UserUpdated clerk " + CLERK.id(3) + " committed"));
        assertTrue(lines.contains("OrganizationDeleted clerk " + CLERK.organizationId(10) + " committed"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("MemberRemoved clerk " + CLERK.organizationId(0)
                + "/" + CLERK.id(4) + " ") && line.endsWith(" committed")), lines.toString());

        String metrics = Webhooks.get(Webhooks.resolve(base, "capydb-auth/metrics")).body();
        assertTrue(metrics.contains("capydb_auth_reconciliation_deleted_total{provider=\"clerk\"} 4.0"), metrics);
        assertTrue(metrics.contains("capydb_auth_reconciliation_repaired_total{provider=\"clerk\"} "
                + (USERS + MEMBERS.length + MEMBERSHIPS + 2) + ".0"), metrics);

        HttpResponse<String> runs = call("GET", "runs?limit=1", "Authorization", "Bearer " + ADMIN);
        assertEquals(200, runs.statusCode(), runs.body());
        JsonObject latest = Json.createReader(new StringReader(runs.body())).readArray().getJsonObject(0);
        assertEquals(run, latest, "the report holds the run as it ended");
    }

    @Test
    @Order(3)
    void aRunIsRefusedWhileAnotherHoldsTheLock() {
        CLERK.delay(1_500);
        try {
            String first = start("clerk");
            HttpResponse<String> second = call("POST", "clerk", "Authorization", "Bearer " + ADMIN);
            assertEquals(409, second.statusCode(), second.body());
            assertTrue(Webhooks.json(second.body()).getString("message").contains("(run " + first + ")"), second.body());
            assertEquals("completed", awaitEnd(first).getString("status"));
        } finally {
            CLERK.delay(0);
        }
    }

    @Test
    @Order(4)
    void theSafetyStopHoldsWhenTheSourceIsEmptiedUntilARunConfirmsTheDeletions() {
        long liveUsers = count("users", "deleted_at IS NULL AND provider = 'clerk'");
        CLERK.empty(true);
        try {
            JsonObject run = awaitEnd(start("clerk"));
            assertTrue(run.getBoolean("safetyStop"), run.toString());
            assertEquals(0, run.getInt("deleted"));
            // All but user 9, whose webhook was written after the run started, less the clock margin.
            assertEquals(liveUsers - 1 + count("organizations", "deleted_at IS NULL")
                    + count("memberships", "deleted_at IS NULL"), run.getInt("wouldDelete"));
            assertTrue(run.getString("detail").contains("safety stop"), run.toString());
            assertEquals(liveUsers, count("users", "deleted_at IS NULL AND provider = 'clerk'"), "nothing deleted");
        } finally {
            CLERK.empty(false);
        }

        for (int n = 21; n < 25; n++) {
            CLERK.deleteUser(n); // 4 of 30: more than 10%
        }
        JsonObject held = awaitEnd(start("clerk"));
        assertTrue(held.getBoolean("safetyStop"), held.toString());
        assertTrue(held.getString("detail").contains("4 of 30 live user row(s)"), held.toString());
        assertEquals(liveUsers, count("users", "deleted_at IS NULL AND provider = 'clerk'"));

        JsonObject confirmed = awaitEnd(start("clerk?confirm-deletions=true"));
        assertFalse(confirmed.getBoolean("safetyStop"), confirmed.toString());
        assertEquals(4, confirmed.getInt("deleted"));
        assertEquals(liveUsers - 4, count("users", "deleted_at IS NULL AND provider = 'clerk'"));
    }

    @Test
    @Order(5)
    void freshnessGoesStaleWhenTheProviderFallsSilentAndRecovers() {
        assertEquals(200, deliver(SENDER.updated(CLERK.id(1))).statusCode());
        JsonObject fresh = readinessData();
        assertEquals("", fresh.getString("silent"), fresh.toString());
        assertNotNull(fresh.getString("clerk.lastDelivery"));
        assertTrue(Instant.parse(fresh.getString("clerk.lastReconciliation")).isAfter(Instant.now().minusSeconds(600)));
        assertTrue(scrape().contains("capydb_auth_provider_silent{provider=\"clerk\"} 0.0"));

        JsonObject stale = awaitReadiness(data -> data.getString("silent").equals("clerk"));
        assertTrue(Duration.parse(stale.getString("clerk.silentFor")).compareTo(Duration.ofSeconds(4)) >= 0, stale.toString());
        assertTrue(scrape().contains("capydb_auth_provider_silent{provider=\"clerk\"} 1.0"));

        assertEquals(200, deliver(SENDER.updated(CLERK.id(2))).statusCode());
        assertEquals("", readinessData().getString("silent"));
        assertTrue(scrape().contains("capydb_auth_provider_silent{provider=\"clerk\"} 0.0"));
    }

    private JsonObject readinessData() {
        HttpResponse<String> ready = Webhooks.get(ReceiverWar.healthUri(base, "ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        return Webhooks.json(ready.body()).getJsonArray("checks").stream().map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("capydb-auth-sync") && check.containsKey("data")
                        && check.getJsonObject("data").containsKey("silent"))
                .findFirst().orElseThrow(() -> new AssertionError(ready.body())).getJsonObject("data");
    }

    private JsonObject awaitReadiness(Predicate<JsonObject> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject data;
        do {
            data = readinessData();
            if (until.test(data)) {
                return data;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("never: " + data);
    }

    private String scrape() {
        return Webhooks.get(Webhooks.resolve(base, "capydb-auth/metrics")).body();
    }

    private HttpResponse<String> deliver(String body) {
        byte[] bytes = Sender.utf8(body);
        return Webhooks.deliver(base, "clerk", bytes, SENDER.sign(bytes));
    }

    private HttpResponse<String> call(String method, String path, String... headers) {
        return Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base, "capydb-auth/reconciliation/" + path))
                .method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    private JsonObject authorized(String method, String path, int status) {
        HttpResponse<String> response = call(method, path, "Authorization", "Bearer " + ADMIN);
        assertEquals(status, response.statusCode(), response.body());
        return Webhooks.json(response.body());
    }

    /** Starts a run ({@code clerk}, or with {@code ?confirm-deletions=true}); its id. */
    private String start(String path) {
        JsonObject run = authorized("POST", path, 202);
        assertEquals("running", run.getString("status"), run.toString());
        return run.getString("id");
    }

    private JsonObject awaitEnd(String id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonObject run;
        do {
            run = authorized("GET", "runs/" + id, 200);
            if (!run.getString("status").equals("running")) {
                return run;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("run " + id + " never ended: " + run);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long count(String table, String where) {
        return ((Number) UsersTable.queryOn(database, "SELECT count(*) AS n FROM capydb_auth." + table + " WHERE " + where)
                .get(0).get("n")).longValue();
    }

    private static Map<String, Object> user(int n) {
        return UsersTable.queryOn(database, "SELECT * FROM capydb_auth.users WHERE id = ?", CLERK.id(n)).get(0);
    }

    private static Map<String, Object> membership(int k, int n) {
        return UsersTable.queryOn(database, "SELECT * FROM capydb_auth.memberships WHERE organization_id = ? AND user_id = ?",
                CLERK.organizationId(k), CLERK.id(n)).get(0);
    }
}
