package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.WebhookSignatures;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Organizations and memberships beside the users, from every provider that sends them, each with
 * its own signature scheme: the rows they leave, read over JDBC and through the application's
 * persistence unit; the CDI events once committed; and the guarantees of the users' write path for
 * them: a redelivery changes nothing, events apply by source time whatever their order of arrival
 * (a removed member comes back with a newer event, a deleted organization stays deleted),
 * concurrent changes end at the newest, and bad input is refused and writes nothing.
 */
@ServerTest
@Tag("organizations")
@Tag("database")
class OrganizationsWebhookIT {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> secrets = new HashMap<>();
        senders().forEach(sender -> secrets.put("capydb.auth." + sender.provider + ".secret", sender.secret));
        return ReceiverWar.onTestDatabase("organizations-it", secrets);
    }

    static Stream<OrganizationSender> senders() {
        return Stream.of(new OrganizationSender.BetterAuth(), new OrganizationSender.Banata(),
                new OrganizationSender.StandardWebhooks(), new OrganizationSender.Clerk());
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void eachProvidersOrganizationAndMembershipEventsLeaveTheirRows(OrganizationSender sender) {
        String org = "org_" + UUID.randomUUID();
        String user = "usr_" + UUID.randomUUID();

        assertStatus("mirrored", send(sender, sender.organization("created", org, "Acme Labs", T)));
        assertEquals(organizationRow(sender, org, "Acme Labs", T), organizationColumns(org));
        assertStatus("mirrored", send(sender, sender.member("added", org, user, sender.adminRole(), T.plusSeconds(1))));
        assertEquals(membershipRow(sender, org, user, sender.adminRole(), T.plusSeconds(1)), membershipColumns(org, user));

        assertStatus("mirrored", send(sender, sender.member("updated", org, user, "member", T.plusSeconds(2))));
        assertEquals("member", UsersTable.membership(org, user).get("role"));
        String renamed = sender.organization("updated", org, "Acme Research", T.plusSeconds(3));
        String renaming = OrganizationSender.deliveryId();
        assertStatus("mirrored", send(sender, renamed, renaming));
        assertStatus("duplicate", send(sender, renamed, renaming));
        assertEquals(organizationRow(sender, org, "Acme Research", T.plusSeconds(3)), organizationColumns(org));

        assertStatus("mirrored", send(sender, sender.member("removed", org, user, "member", T.plusSeconds(4))));
        Map<String, Object> removed = UsersTable.membership(org, user);
        assertNotNull(removed.get("deleted_at"), "the membership is removed, its row kept");
        assertEquals("member", removed.get("role"));
        assertStatus("mirrored", send(sender, sender.organization("deleted", org, "Acme Research", T.plusSeconds(5))));
        assertNotNull(UsersTable.organization(org).get("deleted_at"));
        assertEquals("Acme Research", UsersTable.organization(org).get("name"), "a deletion keeps the other columns");

        // Through the application's own persistence unit: Hibernate on WildFly, EclipseLink on Payara.
        JsonObject entity = Webhooks.json(Webhooks.get(Webhooks.resolve(base, "app/support/organizations/" + org)).body());
        assertEquals("Acme Research", entity.getString("name"));
        assertEquals("https://logo/" + org + ".png", entity.getString("imageUrl"));
        assertTrue(Webhooks.json(entity.getString("raw")).containsKey("slug"), entity::toString);
        assertTrue(entity.get("deletedAt") != null && !entity.isNull("deletedAt"), entity::toString);
        JsonObject membership = Webhooks.json(Webhooks.get(
                Webhooks.resolve(base, "app/support/memberships/" + org + "/" + user)).body());
        assertEquals("member", membership.getString("role"));
        assertTrue(!membership.isNull("deletedAt"), membership::toString);
        assertEquals("refused: capydb_auth.organizations is written by capydb-auth-sync only", Webhooks.send(
                HttpRequest.newBuilder(Webhooks.resolve(base, "app/support/organizations/" + org)).DELETE()).body());
        assertEquals("refused: capydb_auth.memberships is written by capydb-auth-sync only", Webhooks.send(
                HttpRequest.newBuilder(Webhooks.resolve(base, "app/support/memberships/" + org + "/" + user)).DELETE())
                .body());
        assertNotNull(UsersTable.organization(org), "the entities are read-only");

        List<String> lines = Observed.lines(base);
        for (String expected : List.of("OrganizationCreated " + sender.provider + " " + org + " committed",
                "MemberAdded " + sender.provider + " " + org + "/" + user + " " + sender.adminRole() + " committed",
                "MemberUpdated " + sender.provider + " " + org + "/" + user + " member committed",
                "OrganizationUpdated " + sender.provider + " " + org + " committed",
                "MemberRemoved " + sender.provider + " " + org + "/" + user + " member committed",
                "OrganizationDeleted " + sender.provider + " " + org + " committed")) {
            assertEquals(1, lines.stream().filter(expected::equals).count(), expected + " in " + lines);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void aMemberRemovedAndAddedAgainIsActiveWhicheverOrderTheEventsArriveIn(OrganizationSender sender) {
        String org = "org_" + UUID.randomUUID();
        List<String> history = List.of(sender.member("added", org, "usr_a", "admin", T),
                sender.member("removed", org, "usr_a", "admin", T.plusSeconds(10)),
                sender.member("added", org, "usr_a", "member", T.plusSeconds(20)));
        history.forEach(body -> assertStatus("mirrored", send(sender, body)));
        assertActive(org, "usr_a", "member");

        List<String> reversed = List.of(sender.member("added", org, "usr_b", "member", T.plusSeconds(20)),
                sender.member("removed", org, "usr_b", "admin", T.plusSeconds(10)),
                sender.member("added", org, "usr_b", "admin", T));
        assertStatus("mirrored", send(sender, reversed.get(0)));
        assertStatus("unchanged", send(sender, reversed.get(1)));
        assertStatus("unchanged", send(sender, reversed.get(2)));
        assertActive(org, "usr_b", "member");

        // A removal that arrives after a re-addition it precedes changes nothing, and one after it holds.
        assertStatus("mirrored", send(sender, sender.member("removed", org, "usr_b", "member", T.plusSeconds(30))));
        assertStatus("unchanged", send(sender, sender.member("added", org, "usr_b", "owner", T.plusSeconds(25))));
        assertNotNull(UsersTable.membership(org, "usr_b").get("deleted_at"));
    }

    @Test
    void sixtyFourConcurrentRoleChangesOfOneMembershipEndAtTheNewest() {
        OrganizationSender banata = new OrganizationSender.Banata();
        String org = "org_" + UUID.randomUUID();
        List<Integer> versions = new ArrayList<>(IntStream.range(0, 64).boxed().toList());
        Collections.shuffle(versions, new Random(7));

        List<Integer> statuses = Webhooks.concurrently(64, versions, version -> send(banata,
                banata.member("updated", org, "usr_1", "role-" + version, T.plusSeconds(version))).statusCode());

        assertEquals(List.of(200), statuses.stream().distinct().toList(), "no 409, 500 or 503");
        assertActive(org, "usr_1", "role-63");
        assertEquals(T.plusSeconds(63), UsersTable.membership(org, "usr_1").get("updated_at"));
    }

    @Test
    void anOrganizationDeletedBeforeItsCreationArrivesStaysDeleted() {
        OrganizationSender clerk = new OrganizationSender.Clerk();
        String org = "org_" + UUID.randomUUID();

        assertStatus("mirrored", send(clerk, clerk.organization("deleted", org, "Gone", T.plusSeconds(60))));
        // From before the deletion: the row takes it, as it would have in order, and stays deleted.
        assertStatus("mirrored", send(clerk, clerk.organization("created", org, "Gone Inc", T)));
        assertStatus("unchanged", send(clerk, clerk.organization("updated", org, "Still Gone", T.plusSeconds(90))));

        Map<String, Object> row = UsersTable.organization(org);
        assertEquals(T.plusSeconds(60), row.get("deleted_at"));
        assertEquals("Gone Inc", row.get("name"));
        assertTrue(Observed.lines(base).stream().noneMatch(line -> line.contains(org) && !line.startsWith(
                "OrganizationDeleted ") && !line.startsWith("WebhookReceived ")), "no creation announced");
    }

    @Test
    void aMembershipMayArriveBeforeItsOrganizationAndTheReadmeQueriesReadBoth() {
        OrganizationSender banata = new OrganizationSender.Banata();
        String user = "usr_" + UUID.randomUUID();
        String first = "org_" + UUID.randomUUID();
        String second = "org_" + UUID.randomUUID();

        assertStatus("mirrored", send(banata, banata.member("added", first, user, "owner", T)));
        assertStatus("mirrored", send(banata, banata.member("added", second, user, "member", T)));
        assertEquals("[]", organizationsOf(user), "no organization row yet to name them");
        assertStatus("mirrored", send(banata, banata.organization("created", first, "Zeta Works", T)));
        assertStatus("mirrored", send(banata, banata.organization("created", second, "Alpha Guild", T)));

        assertEquals("[[\"Alpha Guild\",\"member\"],[\"Zeta Works\",\"owner\"]]", organizationsOf(user));
        assertEquals("true", isAdmin(first, user, "owner,admin"));
        assertEquals("false", isAdmin(second, user, "owner,admin"));
        assertStatus("mirrored", send(banata, banata.member("removed", first, user, "owner", T.plusSeconds(5))));
        assertEquals("false", isAdmin(first, user, "owner,admin"), "a removed member is no admin");
        assertEquals("[[\"Alpha Guild\",\"member\"]]", organizationsOf(user));
    }

    @Test
    void badOrganizationAndMembershipEventsAreRefusedAndWriteNothing() {
        OrganizationSender banata = new OrganizationSender.Banata();
        OrganizationSender clerk = new OrganizationSender.Clerk();
        String org = "org_" + UUID.randomUUID();
        long organizations = count("organizations");
        long memberships = count("memberships");

        assertRefused(400, "invalid_payload", send(banata, "{\"event\":\"organization.created\",\"timestamp\":\"" + T
                + "\",\"data\":{\"name\":\"No Id\"}}"));
        assertRefused(400, "invalid_payload", send(banata, "{\"event\":\"member.added\",\"timestamp\":\"" + T
                + "\",\"data\":{\"organizationId\":\"" + org + "\",\"role\":\"admin\"}}"));
        assertRefused(400, "invalid_payload", send(clerk, "{\"type\":\"organizationMembership.created\",\"timestamp\":"
                + T.toEpochMilli() + ",\"data\":{\"id\":\"orgmem_1\",\"role\":\"org:admin\",\"public_user_data\":"
                + "{\"user_id\":\"usr_1\"}}}"));
        assertRefused(400, "invalid_payload", send(banata, "{\"event\":\"organization.updated\",\"timestamp\":\"" + T
                + "\",\"data\":{\"id\":\"" + org + "\",\"updatedAt\":\"yesterday\"}}"));
        byte[] body = Sender.utf8(banata.organization("created", org, "Forged", T));
        assertRefused(401, "invalid_signature", Webhooks.deliver(base, banata.provider, body,
                WebhookSignatures.banata("whsec_not-the-secret", body, OrganizationSender.deliveryId(), Instant.now())));

        assertNull(UsersTable.organization(org));
        assertEquals(organizations, count("organizations"));
        assertEquals(memberships, count("memberships"));
    }

    private static Map<String, Object> organizationRow(OrganizationSender sender, String id, String name, Instant at) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("slug", OrganizationSender.slug(name));
        row.put("image_url", "https://logo/" + id + ".png");
        row.put("created_at", OrganizationSender.CREATED);
        row.put("updated_at", sender.keepsUpdatedAt() ? at : null);
        row.put("deleted_at", null);
        return row;
    }

    private static Map<String, Object> membershipRow(OrganizationSender sender, String org, String user, String role,
            Instant at) {
        Map<String, Object> row = new HashMap<>();
        row.put("organization_id", org);
        row.put("user_id", user);
        row.put("role", role);
        row.put("created_at", OrganizationSender.CREATED);
        row.put("updated_at", sender.keepsUpdatedAt() ? at : null);
        row.put("deleted_at", null);
        return row;
    }

    private static Map<String, Object> organizationColumns(String id) {
        Map<String, Object> row = UsersTable.organization(id);
        assertNotNull(row, id);
        row.remove("raw");
        return row;
    }

    private static Map<String, Object> membershipColumns(String org, String user) {
        Map<String, Object> row = UsersTable.membership(org, user);
        assertNotNull(row, org + "/" + user);
        row.remove("raw");
        return row;
    }

    private static void assertActive(String org, String user, String role) {
        Map<String, Object> row = UsersTable.membership(org, user);
        assertNotNull(row, org + "/" + user);
        assertNull(row.get("deleted_at"), row::toString);
        assertEquals(role, row.get("role"));
    }

    private static long count(String table) {
        return ((Number) UsersTable.query("SELECT count(*) AS n FROM capydb_auth." + table).get("n")).longValue();
    }

    private String organizationsOf(String user) {
        return Webhooks.get(Webhooks.resolve(base, "app/support/users/" + user + "/organizations")).body();
    }

    private String isAdmin(String org, String user, String roles) {
        return Webhooks.get(Webhooks.resolve(base, "app/support/memberships/" + org + "/" + user + "/admin?roles="
                + roles)).body();
    }

    private HttpResponse<String> send(OrganizationSender sender, String body) {
        return send(sender, body, OrganizationSender.deliveryId());
    }

    private HttpResponse<String> send(OrganizationSender sender, String body, String deliveryId) {
        byte[] bytes = Sender.utf8(body);
        return Webhooks.deliver(base, sender.provider, bytes, sender.sign(bytes, deliveryId));
    }

    private static void assertStatus(String status, HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(status, Webhooks.json(response.body()).getString("status"), response.body());
    }

    private static void assertRefused(int status, String error, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, Webhooks.json(response.body()).getString("error"), response.body());
    }
}
