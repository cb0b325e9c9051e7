package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.WebhookSignatures;
import dev.capydb.authsync.it.war.backfill.SlowObserver;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Better Auth backfill against a {@code user} table created with Better Auth's own DDL (quoted
 * camelCase names, the reserved word as its name, the username plugin's columns), in a schema of
 * its own: 4,000 users mirrored while webhooks update and delete some of them, those new to the
 * mirror announced as created; a second run that changes nothing; a run stopped midway and restarted
 * from its checkpoint; the admin calls refused without their secret; Clerk's users through its API,
 * its 429, 502 and a dropped connection tried again, and with organizations enabled its organizations
 * and memberships; Better Auth's organizations and members from the organization plugin's tables. The
 * tests build on each other's tables, in order.
 */
@ServerTest
@Tag("backfill")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillIT {

    private static final String SECRET = "backfill-it-better-auth-secret";
    private static final String ADMIN = "backfill-it-admin-secret";
    private static final String SCHEMA = "backfill_it";
    private static final int USERS = 4_000;
    private static final Instant CREATED = Instant.parse("2025-03-01T08:00:00Z");

    private static final String CLERK_KEY = "sk_test_backfill_it";
    private static final int CLERK_USERS = 1_234;
    private static final LocalClerk CLERK = new LocalClerk(CLERK_KEY, CLERK_USERS, "user_bf");

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("capydb.auth.backfill.clerk.secret-key", CLERK_KEY);
        settings.put("capydb.auth.backfill.clerk.api-url", CLERK.url());
        settings.put("capydb.auth.better-auth.secret", SECRET);
        settings.put("capydb.auth.backfill.secret", ADMIN);
        settings.put("capydb.auth.backfill.better-auth.schema", SCHEMA);
        // Named, so the reader looks it up by JNDI from the batch thread (here the receiver's own).
        settings.put("capydb.auth.backfill.better-auth.datasource", ReceiverWar.DATASOURCE);
        return ReceiverWar.onTestDatabase("backfill-it", settings).addPackage(SlowObserver.class.getPackage());
    }

    @ArquillianResource
    URL base;

    /** Better Auth 1.7's migration on PostgreSQL, with the username plugin; {@code n} users with id prefix {@code prefix}. */
    private static void betterAuthUsers(String prefix, int n) {
        UsersTable.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        UsersTable.execute("create table if not exists " + SCHEMA + ".\"user\" (\"id\" text not null primary key, "
                + "\"name\" text not null, \"email\" text not null unique, \"emailVerified\" boolean not null, "
                + "\"image\" text, \"createdAt\" timestamptz default CURRENT_TIMESTAMP not null, "
                + "\"updatedAt\" timestamptz default CURRENT_TIMESTAMP not null, \"username\" text unique, "
                + "\"displayUsername\" text)");
        UsersTable.execute("insert into " + SCHEMA + ".\"user\" select ? || lpad(n::text, 5, '0'), 'Ada' || n || ' Lovelace', "
                + "? || n || '@example.com', n % 2 = 0, case when n % 3 = 0 then 'https://img.example/' || n end, "
                + "?::timestamptz + n * interval '1 second', ?::timestamptz + n * interval '1 second' + interval '1 hour', "
                + "case when n % 4 = 0 then ? || n end, null from generate_series(0, ? - 1) n",
                prefix, prefix, CREATED.toString(), CREATED.toString(), prefix, n);
    }

    @Test
    @Order(1)
    void theAdminCallsAreRefusedWithoutTheirSecret() {
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer " + ADMIN + "x"},
                new String[] {"Authorization", "Bearer " + SECRET})) {
            HttpResponse<String> start = backfill().call("POST", "better-auth", headers);
            assertEquals(401, start.statusCode(), start.body());
            assertTrue(start.headers().firstValue("WWW-Authenticate").isPresent());
            assertEquals(401, backfill().call("GET", "executions/1", headers).statusCode());
        }
        backfill().authorized("POST", "nothing-to-fill", 404);
        backfill().authorized("GET", "executions/987654", 404);
    }

    @Test
    @Order(2)
    void theBackfillMirrorsEveryUserWhileWebhooksUpdateAndDeleteSome() throws Exception {
        betterAuthUsers("ba-", USERS);
        long execution = backfill().start("better-auth");

        // Meanwhile the provider goes on: users 0-99 change after the table was read, 100-199 are deleted.
        CompletableFuture<List<Integer>> webhooks = CompletableFuture.supplyAsync(() -> IntStream.range(0, 200)
                .mapToObj(n -> n < 100 ? updated(n) : deleted(n)).toList());
        JsonObject done = backfill().awaitEnd(execution, "COMPLETED");
        assertTrue(webhooks.get().stream().allMatch(status -> status == 200), webhooks.get().toString());

        assertEquals(USERS, done.getJsonNumber("total").longValue());
        assertEquals(USERS, done.getJsonNumber("read").longValue());
        assertEquals(USERS, done.getJsonNumber("mirrored").longValue() + done.getJsonNumber("unchanged").longValue());
        assertEquals(0, done.getJsonNumber("skipped").longValue(), done.toString());
        assertEquals(USERS, count("starts_with(id, 'ba-')"));
        assertEquals(100, count("starts_with(id, 'ba-') AND deleted_at IS NOT NULL"), "no deleted user came back");
        assertEquals(100, count("starts_with(id, 'ba-') AND email LIKE 'changed-%'"), "no newer change overwritten");
        // Every other row is the table's row, column by column (no tests of a webhook in between).
        assertEquals(USERS - 200, ((Number) UsersTable.query("SELECT count(*) AS n FROM capydb_auth.users u JOIN "
                + SCHEMA + ".\"user\" b ON b.id = u.id WHERE u.email = b.email AND u.first_name || ' ' || u.last_name = b.name "
                + "AND u.created_at = b.\"createdAt\" AND u.updated_at = b.\"updatedAt\" AND u.deleted_at IS NULL "
                + "AND u.image_url IS NOT DISTINCT FROM b.image AND u.username IS NOT DISTINCT FROM b.username "
                + "AND (u.raw ->> 'emailVerified')::boolean = b.\"emailVerified\"").get("n")).longValue());
        Map<String, Object> row = UsersTable.row("ba-00204"); // no webhook for it
        assertEquals("ba-204", row.get("username"));
        assertEquals("Ada204", row.get("first_name"));
        // The users no webhook touched were new to the mirror: each announced once, as created.
        Set<String> untouched = IntStream.range(200, USERS).mapToObj("ba-%05d"::formatted).collect(Collectors.toSet());
        Map<String, List<String>> announced = Observed.changes(base).stream()
                .map(change -> change.split(" "))
                .filter(change -> untouched.contains(change[1]))
                .collect(Collectors.groupingBy(change -> change[1], Collectors.mapping(change -> change[0],
                        Collectors.toList())));
        assertEquals(untouched, announced.keySet());
        assertEquals(Map.of(List.of("UserCreated"), (long) untouched.size()),
                announced.values().stream().collect(Collectors.groupingBy(types -> types, Collectors.counting())));
    }

    @Test
    @Order(3)
    void aSecondRunChangesNothing() {
        long deliveries = backfillDeliveries();
        Object before = UsersTable.query("SELECT md5(string_agg(u::text, ',' ORDER BY id)) AS h FROM capydb_auth.users u "
                + "WHERE starts_with(id, 'ba-')").get("h");
        long execution = backfill().start("better-auth");
        JsonObject done = backfill().awaitEnd(execution, "COMPLETED");
        assertEquals(0, done.getJsonNumber("mirrored").longValue(), done.toString());
        assertEquals(USERS, done.getJsonNumber("unchanged").longValue());
        assertEquals(before, UsersTable.query("SELECT md5(string_agg(u::text, ',' ORDER BY id)) AS h FROM capydb_auth.users u "
                + "WHERE starts_with(id, 'ba-')").get("h"));
        assertEquals(deliveries, backfillDeliveries(), "each user's backfill is recorded once");
    }

    @Test
    @Order(4)
    void aStoppedBackfillRestartsFromItsCheckpoint() {
        betterAuthUsers("slow-", USERS); // 2 ms each in an observer: about 8 s in all
        long first = backfill().start("better-auth");
        backfill().await(first, progress -> progress.getJsonNumber("mirrored").longValue() >= 1_000);
        backfill().authorized("POST", "executions/" + first + "/stop", 202);
        JsonObject stopped = backfill().awaitEnd(first, "STOPPED");
        long stoppedAt = stopped.getJsonNumber("read").longValue();
        assertTrue(stoppedAt < 2L * USERS, stopped.toString());
        assertTrue(count("starts_with(id, 'slow-')") < USERS, "stopped before the end");

        long second = backfill().start("executions/" + first + "/restart");
        JsonObject done = backfill().awaitEnd(second, "COMPLETED");
        // Counted on from the checkpoint: every row read once over both executions, none twice.
        assertEquals(2L * USERS, done.getJsonNumber("read").longValue(), done.toString());
        assertEquals(USERS, done.getJsonNumber("mirrored").longValue());
        assertEquals(USERS, count("starts_with(id, 'slow-')"));
        assertEquals(USERS, ((Number) UsersTable.query("SELECT count(*) AS n FROM capydb_auth.deliveries WHERE provider = "
                + "'better-auth' AND starts_with(delivery_id, 'backfill:slow-')").get("n")).longValue());
        assertNull(UsersTable.row("slow-00007").get("deleted_at"));
    }

    @Test
    @Order(5)
    void clerkUsersAreBackfilledThroughItsApiPageByPageWaitingOutA429AndFaults() {
        long execution = backfill().start("clerk");
        JsonObject done = backfill().awaitEnd(execution, "COMPLETED");
        assertEquals(CLERK_USERS, done.getJsonNumber("total").longValue(), done.toString());
        assertEquals(CLERK_USERS, done.getJsonNumber("read").longValue(), "each user once, the pages' overlap skipped");
        assertEquals(CLERK_USERS, done.getJsonNumber("mirrored").longValue());
        assertEquals(1, CLERK.tooManyRequests(), "one 429 served, waited out, and the page asked again");
        assertEquals(2, CLERK.faults(), "a 502 and a connection closed without an answer, each tried again");
        assertEquals(List.of(0L, 450L, 900L), CLERK.offsetsServed(), "three pages, each from 50 before the last end");
        assertEquals(0, CLERK.unauthorized(), "every request carried the secret key");
        assertEquals(CLERK_USERS, count("starts_with(id, 'user_bf')"));
        Map<String, Object> row = UsersTable.row(CLERK.id(1_233));
        assertEquals("clerk-1233@example.com", row.get("email"), "the primary address of email_addresses");
        assertEquals("Hopper 1233", row.get("last_name"));
        assertEquals(LocalClerk.createdAt(1_233), row.get("created_at"));
    }

    @Test
    @Order(6)
    void clerkOrganizationsAndTheirMembershipsFollowItsUsersPageByPage() {
        // 501 organizations (two pages); the first with 501 members (two pages), the others with one.
        CLERK.enableOrganizations(IntStream.range(0, 501).map(k -> k == 0 ? 501 : 1).toArray());
        long organizations = 501;
        long memberships = 501 + 500;

        JsonObject done = backfill().awaitEnd(backfill().start("clerk"), "COMPLETED");

        assertEquals(CLERK_USERS + organizations + memberships, done.getJsonNumber("total").longValue(), done.toString());
        assertEquals(CLERK_USERS + organizations + memberships, done.getJsonNumber("read").longValue());
        assertEquals(organizations + memberships, done.getJsonNumber("mirrored").longValue());
        assertEquals(CLERK_USERS, done.getJsonNumber("unchanged").longValue(), "the users are there from the run before");
        assertEquals(organizations, countOf("organizations", "starts_with(id, 'user_bforg_')"));
        assertEquals(501, countOf("memberships", "organization_id = '" + CLERK.organizationId(0) + "'"));
        assertEquals(organizations, countOf("memberships", "user_id = '" + CLERK.id(0) + "' AND role = 'org:admin'"));
        Map<String, Object> organization = UsersTable.organization(CLERK.organizationId(500));
        assertEquals("Org 500", organization.get("name"));
        assertEquals("org-500", organization.get("slug"));
        assertEquals(LocalClerk.updatedAt(500), organization.get("updated_at"));
        assertEquals("org:member", UsersTable.membership(CLERK.organizationId(0), CLERK.id(500)).get("role"));
        assertTrue(Observed.lines(base).contains("MemberAdded clerk " + CLERK.organizationId(7) + "/" + CLERK.id(0)
                + " org:admin committed"), "new memberships announced as added");
    }

    @Test
    @Order(7)
    void betterAuthsOrganizationsAndMembersFollowItsUsersWithTheirRoles() {
        betterAuthOrganizations(120, 5);
        // Removed by a webhook after the member was created: the backfill's older snapshot leaves it removed.
        String removal = "{\"event\":\"member.removed\",\"timestamp\":\"" + CREATED.plus(Duration.ofDays(30))
                + "\",\"member\":{\"id\":\"mem-000-1\",\"organizationId\":\"ba-org-000\",\"userId\":\"ba-00001\","
                + "\"role\":\"admin\",\"createdAt\":\"" + CREATED + "\"}}";
        assertEquals(200, betterAuth(removal));

        JsonObject done = backfill().awaitEnd(backfill().start("better-auth"), "COMPLETED");

        long users = 2L * USERS;
        assertEquals(users + 120 + 600, done.getJsonNumber("total").longValue(), done.toString());
        assertEquals(users + 120 + 600, done.getJsonNumber("read").longValue());
        assertEquals(120 + 600 - 1, done.getJsonNumber("mirrored").longValue());
        assertEquals(users + 1, done.getJsonNumber("unchanged").longValue());
        Map<String, Object> organization = UsersTable.organization("ba-org-003");
        assertEquals("Team 3", organization.get("name"));
        assertEquals("team-3", organization.get("slug"));
        assertEquals("https://logo.example/3.png", organization.get("image_url"));
        assertEquals(CREATED.plusSeconds(3), organization.get("created_at"));
        assertNull(organization.get("updated_at"), "Better Auth keeps no updatedAt of an organization");
        assertTrue(UsersTable.organization("ba-org-003").get("raw").toString().replace(" ", "").contains("\"metadata\":{\"seats\":3}"),
                "the metadata Better Auth stores as text is an object in raw, as Better Auth hands it out");
        assertEquals("owner", UsersTable.membership("ba-org-007", "ba-00000").get("role"));
        assertEquals("admin,member", UsersTable.membership("ba-org-007", "ba-00002").get("role"));
        assertEquals(600 - 1, countOf("memberships", "starts_with(organization_id, 'ba-org-') AND deleted_at IS NULL"));
        assertNotNull(UsersTable.membership("ba-org-000", "ba-00001").get("deleted_at"), "not brought back");

        JsonObject again = backfill().awaitEnd(backfill().start("better-auth"), "COMPLETED");
        assertEquals(0, again.getJsonNumber("mirrored").longValue(), "a second run changes nothing");
    }

    /**
     * The organization plugin's tables as Better Auth 1.7's migration creates them on PostgreSQL, with
     * {@code organizations} organizations of {@code members} members each, the first users: the
     * first an owner, the second an admin, the third with two roles, the rest members.
     */
    private static void betterAuthOrganizations(int organizations, int members) {
        UsersTable.execute("create table " + SCHEMA + ".\"organization\" (\"id\" text not null primary key, \"name\" text "
                + "not null, \"slug\" text not null unique, \"logo\" text, \"createdAt\" timestamptz not null, \"metadata\" text)");
        UsersTable.execute("create table " + SCHEMA + ".\"member\" (\"id\" text not null primary key, \"organizationId\" text "
                + "not null references " + SCHEMA + ".\"organization\" (\"id\") on delete cascade, \"userId\" text not null "
                + "references " + SCHEMA + ".\"user\" (\"id\") on delete cascade, \"role\" text not null, \"createdAt\" "
                + "timestamptz not null)");
        UsersTable.execute("create index \"member_organizationId_idx\" on " + SCHEMA + ".\"member\" (\"organizationId\")");
        UsersTable.execute("create index \"member_userId_idx\" on " + SCHEMA + ".\"member\" (\"userId\")");
        UsersTable.execute("insert into " + SCHEMA + ".\"organization\" select 'ba-org-' || lpad(n::text, 3, '0'), "
                + "'Team ' || n, 'team-' || n, case when n % 2 = 1 then 'https://logo.example/' || n || '.png' end, "
                + "?::timestamptz + n * interval '1 second', case when n % 3 = 0 then '{\"seats\": ' || n || '}' end "
                + "from generate_series(0, ? - 1) n", CREATED.toString(), organizations);
        UsersTable.execute("insert into " + SCHEMA + ".\"member\" select 'mem-' || lpad(o::text, 3, '0') || '-' || m, "
                + "'ba-org-' || lpad(o::text, 3, '0'), 'ba-' || lpad(m::text, 5, '0'), case m when 0 then 'owner' when 1 "
                + "then 'admin' when 2 then 'admin,member' else 'member' end, ?::timestamptz "
                + "from generate_series(0, ? - 1) o, generate_series(0, ? - 1) m", CREATED.toString(), organizations, members);
    }

    private static long countOf(String table, String condition) {
        return ((Number) UsersTable.query("SELECT count(*) AS n FROM capydb_auth." + table + " WHERE " + condition)
                .get("n")).longValue();
    }

    private int updated(int n) {
        String id = "ba-%05d".formatted(n);
        Instant updatedAt = CREATED.plusSeconds(n).plus(Duration.ofDays(1));
        return betterAuth("{\"event\":\"user.updated\",\"user\":{\"id\":\"" + id + "\",\"email\":\"changed-" + n
                + "@example.com\",\"name\":\"Changed\",\"emailVerified\":true,\"createdAt\":\"" + CREATED.plusSeconds(n)
                + "\",\"updatedAt\":\"" + updatedAt + "\"}}");
    }

    private int deleted(int n) {
        return betterAuth("{\"event\":\"user.deleted\",\"user\":{\"id\":\"ba-%05d\"}}".formatted(n));
    }

    private int betterAuth(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(base, "better-auth", bytes, WebhookSignatures.betterAuth(SECRET, bytes)).statusCode();
    }

    private BackfillCalls backfill() {
        return new BackfillCalls(base, ADMIN);
    }

    private static long count(String condition) {
        return ((Number) UsersTable.query("SELECT count(*) AS n FROM capydb_auth.users WHERE " + condition).get("n"))
                .longValue();
    }

    private static long backfillDeliveries() {
        return ((Number) UsersTable.query("SELECT count(*) AS n FROM capydb_auth.deliveries WHERE provider = 'better-auth' "
                + "AND starts_with(delivery_id, 'backfill:ba-')").get("n")).longValue();
    }
}
