package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A first install as the README describes it: no datasource configured (so WildFly's embedded H2
 * default), settings only as {@code web.xml} context parameters, and the receiver moved to another
 * path with {@code capydb.auth.path}. Rows of users, organizations and memberships are read back
 * through the application's JPA entities. And a backfill on a second server's default database.
 */
@ServerTest
@Tag("deployment")
@Tag("default-datasource")
class DefaultDataSourceIT {

    private static final String SECRET = "it-context-param-secret";

    @Deployment(name = "moved", testable = false)
    @TargetsContainer("node1")
    static WebArchive deployment() {
        return ReceiverWar.onDefaultDataSource("default-datasource-it", Map.of(
                "capydb.auth.better-auth.secret", SECRET,
                "capydb.auth.path", "/hooks/auth/*"));
    }

    @Deployment(name = "backfill", testable = false)
    @TargetsContainer("node2")
    static WebArchive backfill() {
        return ReceiverWar.onDefaultDataSource("backfill-events-default-it", BackfillEventsIT.SETTINGS);
    }

    @ArquillianResource
    @OperateOnDeployment("moved")
    URL base;

    /** BackfillEventsIT's backfill, on H2's write path. */
    @Test
    void aBackfillAnnouncesItsInsertsAndChanges(@ArquillianResource @OperateOnDeployment("backfill") URL backfill) {
        BackfillEventsIT.assertBackfillAnnouncesInsertsAndChanges(backfill);
    }

    @Test
    void createUpdateAndDeleteAreMirroredIntoTheEmbeddedDefaultDatabase() {
        String id = "usr_" + UUID.randomUUID();
        String user = "{\"id\":\"" + id + "\",\"email\":\"h2@example.com\",\"name\":\"Hedy  Lamarr\",\"username\":\"hedy\","
                + "\"image\":\"https://img.example/h.png\",\"createdAt\":\"2025-01-15T10:30:00.5+02:00\","
                + "\"updatedAt\":\"2025-01-15T10:30:00Z\",\"bio\":\"caf\\u00e9 😀\",\"n\":1.50}";
        assertEquals(200, post("hooks/auth/better-auth", "{\"event\":\"user.created\",\"user\":" + user + "}").statusCode());

        JsonObject row = user(id);
        assertEquals("h2@example.com", row.getString("email"));
        assertEquals("Hedy", row.getString("firstName"));
        assertEquals("Lamarr", row.getString("lastName"));
        assertEquals("hedy", row.getString("username"));
        assertEquals("https://img.example/h.png", row.getString("imageUrl"));
        assertEquals(Instant.parse("2025-01-15T08:30:00.5Z"), instant(row, "createdAt"));
        assertEquals(Instant.parse("2025-01-15T10:30:00Z"), instant(row, "updatedAt"));
        assertTrue(row.isNull("lastSignInAt"));
        assertEquals(json(user), json(row.getString("raw")));

        assertEquals(200, post("hooks/auth/better-auth",
                "{\"type\":\"user.updated\",\"data\":{\"id\":\"" + id + "\",\"email\":\"hedy@example.com\"}}").statusCode());
        assertEquals("hedy@example.com", user(id).getString("email"));
        assertTrue(user(id).isNull("firstName"));

        assertEquals(200, post("hooks/auth/better-auth", "{\"event\":\"user.deleted\",\"user\":{\"id\":\"" + id + "\"}}").statusCode());
        JsonObject deleted = user(id);
        assertFalse(deleted.isNull("deletedAt"));
        assertEquals("hedy@example.com", deleted.getString("email"));

        HttpResponse<String> late = post("hooks/auth/better-auth",
                "{\"event\":\"user.updated\",\"user\":{\"id\":\"" + id + "\",\"email\":\"back@example.com\"}}");
        assertEquals(200, late.statusCode());
        assertEquals("unchanged", json(late.body()).getString("status"));
        assertEquals("hedy@example.com", user(id).getString("email"));
    }

    @Test
    void organizationsAndMembershipsAreMirroredIntoTheEmbeddedDefaultDatabase() {
        String org = "org_" + UUID.randomUUID();
        String user = "usr_" + UUID.randomUUID();
        String member = "{\"organizationId\":\"" + org + "\",\"userId\":\"" + user + "\",\"role\":\"%s\"}";
        assertStatus("mirrored", "{\"event\":\"organization.created\",\"timestamp\":\"2025-03-01T12:00:00Z\","
                + "\"organization\":{\"id\":\"" + org + "\",\"name\":\"H2 Labs\",\"slug\":\"h2-labs\"}}");
        assertStatus("mirrored", "{\"event\":\"member.added\",\"timestamp\":\"2025-03-01T12:00:01Z\",\"member\":"
                + member.formatted("owner") + "}");
        assertStatus("mirrored", "{\"event\":\"member.removed\",\"timestamp\":\"2025-03-01T12:00:02Z\",\"member\":"
                + member.formatted("owner") + "}");
        assertFalse(json(get("app/support/memberships/" + org + "/" + user)).isNull("deletedAt"));
        assertStatus("unchanged", "{\"event\":\"member.added\",\"timestamp\":\"2025-03-01T12:00:01.5Z\",\"member\":"
                + member.formatted("admin") + "}");
        assertStatus("mirrored", "{\"event\":\"member.added\",\"timestamp\":\"2025-03-01T12:00:03Z\",\"member\":"
                + member.formatted("admin") + "}");

        JsonObject membership = json(get("app/support/memberships/" + org + "/" + user));
        assertEquals("admin", membership.getString("role"));
        assertTrue(membership.isNull("deletedAt"), "added again after its removal");
        assertEquals("[[\"H2 Labs\",\"admin\"]]", get("app/support/users/" + user + "/organizations"));

        assertStatus("mirrored", "{\"event\":\"organization.deleted\",\"timestamp\":\"2025-03-01T12:00:04Z\","
                + "\"organization\":{\"id\":\"" + org + "\"}}");
        assertStatus("unchanged", "{\"event\":\"organization.updated\",\"timestamp\":\"2025-03-01T12:00:05Z\","
                + "\"organization\":{\"id\":\"" + org + "\",\"name\":\"Back\"}}");
        JsonObject organization = json(get("app/support/organizations/" + org));
        assertEquals("H2 Labs", organization.getString("name"));
        assertFalse(organization.isNull("deletedAt"));
        assertEquals("[]", get("app/support/users/" + user + "/organizations"));
    }

    @Test
    void theConfiguredPathReplacesTheDefaultOne() {
        String id = "usr_" + UUID.randomUUID();
        HttpResponse<String> response = post("capydb-auth/webhooks/better-auth",
                "{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\"}}");
        assertEquals(404, response.statusCode(), response.body());
        assertEquals(404, Webhooks.get(uri("app/support/users/" + id)).statusCode());
    }

    private HttpResponse<String> post(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Webhooks.post(uri(path), bytes, "Content-Type", "application/json; charset=UTF-8",
                "X-Better-Auth-Signature", Webhooks.hmacSha256Hex(SECRET, bytes));
    }

    private void assertStatus(String status, String body) {
        HttpResponse<String> response = post("hooks/auth/better-auth", body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(status, json(response.body()).getString("status"), body);
    }

    private String get(String path) {
        HttpResponse<String> response = Webhooks.get(uri(path));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private JsonObject user(String id) {
        HttpResponse<String> response = Webhooks.get(uri("app/support/users/" + id));
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private static Instant instant(JsonObject row, String key) {
        return OffsetDateTime.parse(row.getString(key)).toInstant();
    }

    private URI uri(String path) {
        return Webhooks.resolve(base, path);
    }
}
