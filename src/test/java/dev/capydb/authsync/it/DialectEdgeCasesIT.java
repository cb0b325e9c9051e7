package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What each database's dialect must store exactly, read back over JDBC and through the
 * application's entity: characters outside the Basic Multilingual Plane (4 bytes in UTF-8), a
 * {@code raw} of 900 KiB, instants before 1970 and at the end of year 9999 to the microsecond, and
 * one user changed and deleted concurrently from two nodes.
 */
@ServerTest
@Tag("dialect")
@Tag("database")
class DialectEdgeCasesIT {

    private static final Map<String, String> SETTINGS = Map.of("capydb.auth.banata.secret", EventStream.SECRET,
            "capydb.auth.max-body-bytes", Integer.toString(2 * 1024 * 1024));

    @Deployment(name = "node1", testable = false)
    @TargetsContainer("node1")
    static WebArchive node1() {
        return ReceiverWar.onTestDatabase("dialect-edge-cases-it", SETTINGS);
    }

    @Deployment(name = "node2", testable = false)
    @TargetsContainer("node2")
    static WebArchive node2() {
        return ReceiverWar.onTestDatabase("dialect-edge-cases-it", SETTINGS);
    }

    @ArquillianResource
    @OperateOnDeployment("node1")
    URL node1;

    @ArquillianResource
    @OperateOnDeployment("node2")
    URL node2;

    @Test
    void fourByteCharactersAreStoredAndReadBackExactly() {
        String id = "emoji-" + System.nanoTime() + "-🦫";
        String name = "Zoë 🦫𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ñandú-😀";
        HttpResponse<String> response = deliver(node1, id, "{\"id\":\"" + id + "\",\"email\":\"🦫@example.com\","
                + "\"name\":\"" + name + "\",\"createdAt\":\"2025-01-15T10:30:00Z\"}");

        assertEquals("mirrored", json(response.body()).getString("status"), response.body());
        Map<String, Object> row = UsersTable.row(id);
        assertEquals("🦫@example.com", row.get("email"));
        assertEquals("Zoë", row.get("first_name"));
        assertEquals("🦫𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ñandú-😀", row.get("last_name"));
        assertEquals(name, Json.createReader(new StringReader((String) row.get("raw"))).readObject()
                .getString("name"));
        JsonObject entity = entity(node1, id);
        assertEquals(id, entity.getString("id"));
        assertEquals("🦫𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ñandú-😀", entity.getString("lastName"));
    }

    @Test
    void aRawOf900KiBIsStoredWhole() {
        String id = "large-" + System.nanoTime();
        String user = "{\"id\":\"" + id + "\",\"email\":\"large@example.com\",\"bio\":\"" + "ab🦫".repeat(900 * 1024 / 6)
                + "\",\"createdAt\":\"2025-01-15T10:30:00Z\"}";
        assertTrue(user.getBytes(UTF_8).length > 900 * 1024);

        HttpResponse<String> response = deliver(node1, id, user);

        assertEquals("mirrored", json(response.body()).getString("status"), response.body());
        assertTrue(UsersTable.rawEqualsJson(id, user));
        assertEquals(UsersTable.row(id).get("raw"), entity(node1, id).getString("raw"));
    }

    @Test
    void instantsBefore1970AndAtTheEndOfYear9999KeepEveryMicrosecond() {
        String id = "dates-" + System.nanoTime();
        Instant created = Instant.parse("1901-12-13T20:45:52.123456Z");
        Instant updated = Instant.parse("9999-12-31T23:59:59.999999Z");
        HttpResponse<String> response = deliver(node1, id, "{\"id\":\"" + id + "\",\"createdAt\":\"" + created
                + "\",\"updatedAt\":\"" + updated + "\"}");

        assertEquals("mirrored", json(response.body()).getString("status"), response.body());
        Map<String, Object> row = UsersTable.row(id);
        assertEquals(created, row.get("created_at"));
        assertEquals(updated, row.get("updated_at"));
        // EclipseLink reads timestamps to the millisecond; Hibernate (WildFly) keeps them whole.
        ChronoUnit precision = Server.current().readsWithEclipseLink() ? ChronoUnit.MILLIS : ChronoUnit.MICROS;
        JsonObject entity = entity(node1, id);
        assertEquals(created.truncatedTo(precision), OffsetDateTime.parse(entity.getString("createdAt")).toInstant());
        assertEquals(updated.truncatedTo(precision), OffsetDateTime.parse(entity.getString("updatedAt")).toInstant());

        // An older event (by its updatedAt, a second after 1970 began) does not overwrite the newer one.
        Instant epoch = Instant.parse("1970-01-01T00:00:01Z");
        HttpResponse<String> older = deliver(node2, id, "{\"id\":\"" + id + "\",\"email\":\"older@example.com\","
                + "\"createdAt\":\"" + created + "\",\"updatedAt\":\"" + epoch + "\"}");
        assertEquals("unchanged", json(older.body()).getString("status"), older.body());
        assertEquals(updated, UsersTable.row(id).get("updated_at"));
    }

    /**
     * 24 versions of one user and then its deletion, each sent to both nodes at once in shuffled
     * order, so that versions arrive before and after the deletion: the row must be what in-order
     * delivery leaves (deleted, with the last version), and each event recorded exactly once.
     */
    @Test
    void oneUserChangedAndDeletedConcurrentlyFromBothNodesEndsAsInOrderDelivery() {
        String id = "contended-" + System.nanoTime();
        Instant t = Instant.parse("2025-03-01T12:00:00Z");
        Instant deletion = t.plusMillis(23_500);
        List<EventStream.Event> events = new ArrayList<>();
        for (int v = 0; v < 24; v++) {
            events.add(EventStream.userUpdated(id, "v" + v, t, t.plusSeconds(v)));
        }
        events.add(new EventStream.Event("msg_deleted_" + id, id, "{\"event\":\"user.deleted\",\"timestamp\":\""
                + deletion + "\",\"data\":{\"id\":\"" + id + "\"}}"));
        long seed = new Random().nextLong();

        Map<String, Long> statuses = EventStream.deliverToBoth(events, node1, node2, 16, seed);

        assertEquals((long) events.size(), statuses.get("duplicate"), () -> "seed " + seed + ": " + statuses);
        Map<String, Object> row = UsersTable.row(id);
        assertEquals(deletion, row.get("deleted_at"), () -> "seed " + seed);
        assertEquals("v23@example.com", row.get("email"), () -> "seed " + seed);
        assertEquals(t.plusSeconds(23), row.get("updated_at"), () -> "seed " + seed);
        for (EventStream.Event event : events) {
            assertEquals(1L, UsersTable.count("deliveries", "delivery_id", event.deliveryId()));
        }
    }

    /** A signed {@code user.updated} of Banata's carrying {@code user}; its source time is the user's updatedAt. */
    private static HttpResponse<String> deliver(URL node, String id, String user) {
        HttpResponse<String> response = new EventStream.Event("msg_" + System.nanoTime() + "_" + id.hashCode(), id,
                "{\"event\":\"user.updated\",\"timestamp\":\"2025-01-15T10:30:00Z\",\"data\":" + user + "}")
                .deliverTo(node);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** The row as the application reads it, through its persistence unit and the library's entity. */
    private static JsonObject entity(URL node, String id) {
        HttpResponse<String> response = Webhooks.get(Webhooks.resolve(node, "app/support/users/"
                + URLEncoder.encode(id, UTF_8).replace("+", "%20")));
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }
}
