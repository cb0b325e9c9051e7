package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a sender that retries, duplicates and reorders may rely on (SPEC §4): a redelivery changes
 * nothing and fires nothing, an older event never overwrites a newer one, a deleted user stays
 * deleted, and concurrent deliveries for one user never fail or lose the newest state.
 */
@ServerTest
@Tag("guarantees")
@Tag("database")
class DeliveryGuaranteesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ReceiverWar.onTestDatabase("delivery-guarantees-it", EventStream.SETTINGS);
    }

    @ArquillianResource
    URL base;

    @Test
    void everyEventThreeTimesInShuffledOrderLeavesTheTableOfOneInOrderDelivery() {
        String run = Long.toHexString(System.nanoTime());
        List<EventStream.Event> model = EventStream.histories("model-" + run + "-", 12, 4);
        for (EventStream.Event event : model) {
            assertEquals(200, event.deliverTo(base).statusCode());
        }

        List<EventStream.Event> events = EventStream.histories("shuffled-" + run + "-", 12, 4);
        List<EventStream.Event> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            deliveries.addAll(events);
        }
        long seed = new Random().nextLong();
        Collections.shuffle(deliveries, new Random(seed));
        Map<String, Long> statuses = Webhooks.concurrently(4, deliveries, event -> {
            HttpResponse<String> response = event.deliverTo(base);
            assertEquals(200, response.statusCode(), () -> "seed " + seed + ": " + response.body());
            return json(response.body()).getString("status");
        }).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertEquals(2L * events.size(), statuses.get("duplicate"), () -> "seed " + seed + ": " + statuses);
        assertEquals(UsersTable.comparableRows("model-" + run + "-"), UsersTable.comparableRows("shuffled-" + run + "-"),
                () -> "seed " + seed);
        Set<String> ids = events.stream().map(e -> EventStream.PROVIDER + " " + e.deliveryId()).collect(Collectors.toSet());
        List<String> received = strings(observations("deliveries")).stream().filter(ids::contains).toList();
        assertEquals(ids.size(), received.size(), "each delivery reached the observers exactly once");
        assertEquals(ids, new HashSet<>(received));
        List<String> changes = strings(observations("changes")).stream().filter(c -> c.contains(" shuffled-" + run)).toList();
        assertEquals(new HashSet<>(changes).size(), changes.size(), () -> "a change was observed twice: " + changes);
    }

    @Test
    void aStaleUpdateIsAcknowledgedAndIgnored() {
        String id = "stale-" + System.nanoTime();
        Instant t = Instant.parse("2025-03-01T12:00:00Z");
        assertStatus("mirrored", update(id, "created", t, t));
        assertStatus("mirrored", update(id, "newest", t, t.plusSeconds(120)));
        assertStatus("unchanged", update(id, "older", t, t.plusSeconds(60)));

        Map<String, Object> row = UsersTable.row(id);
        assertEquals("newest@example.com", row.get("email"));
        assertEquals(t.plusSeconds(120), row.get("updated_at"));
    }

    @Test
    void aDeletedUserIsNotResurrectedButTakesALateEventFromBeforeItsDeletion() {
        String id = "deleted-" + System.nanoTime();
        Instant t = Instant.parse("2025-03-01T12:00:00Z");
        assertStatus("mirrored", update(id, "created", t, t));
        EventStream.Event beforeDeletion = EventStream.userUpdated(id, "before-deletion", t, t.plusSeconds(200));
        assertStatus("mirrored", send(new EventStream.Event("msg_d_" + id, id, "{\"event\":\"user.deleted\",\"timestamp\":\""
                + t.plusSeconds(300) + "\",\"data\":{\"id\":\"" + id + "\"}}")));
        assertStatus("unchanged", update(id, "late-update", t, t.plusSeconds(600)));
        assertStatus("unchanged", send(new EventStream.Event("msg_c_" + id, id, "{\"event\":\"user.created\",\"timestamp\":\""
                + t.plusSeconds(900) + "\",\"data\":{\"id\":\"" + id + "\",\"email\":\"again@example.com\"}}")));

        assertStatus("mirrored", send(beforeDeletion));

        Map<String, Object> row = UsersTable.row(id);
        assertEquals(t.plusSeconds(300), row.get("deleted_at"), "the deletion's envelope time");
        assertEquals("before-deletion@example.com", row.get("email"), "what in-order delivery would have left");
        assertEquals(List.of("UserUpdated " + id + " " + t, "UserDeleted " + id + " " + t.plusSeconds(300)),
                strings(observations("changes")).stream().filter(c -> c.contains(" " + id + " ")).toList(),
                "no change is announced for a user after its deletion");
    }

    @Test
    void thirtyTwoConcurrentUpdatesOfOneUserLeaveOneRowWithTheNewestState() {
        String id = "concurrent-" + System.nanoTime();
        Instant t = Instant.parse("2025-03-01T12:00:00Z");
        List<Integer> statuses = Webhooks.concurrently(32, EventStream.shuffledVersions(32),
                v -> update(id, "v" + v, t, t.plusSeconds(v)).statusCode());

        assertEquals(Collections.nCopies(32, 200), statuses);
        assertEquals(1L, UsersTable.count("users", "id", id));
        Map<String, Object> row = UsersTable.row(id);
        assertEquals("v31@example.com", row.get("email"));
        assertEquals(t.plusSeconds(31), row.get("updated_at"));
    }

    @Test
    void theSameDeliveryArrivingEightTimesAtOnceIsAppliedAndObservedOnce() {
        String id = "duplicate-" + System.nanoTime();
        Instant t = Instant.parse("2025-03-01T12:00:00Z");
        EventStream.Event event = EventStream.userUpdated(id, "once", t, t);
        List<String> statuses = Webhooks.concurrently(8, Collections.nCopies(8, event),
                e -> json(send(e).body()).getString("status"));

        assertEquals(1, Collections.frequency(statuses, "mirrored"), statuses::toString);
        assertEquals(7, Collections.frequency(statuses, "duplicate"), statuses::toString);
        assertEquals(1, strings(observations("changes")).stream().filter(c -> c.contains(" " + id + " ")).count());
        assertEquals(1, strings(observations("deliveries")).stream()
                .filter((EventStream.PROVIDER + " " + event.deliveryId())::equals).count());
    }

    @Test
    void recordedDeliveriesAreForgottenAfterTheRetentionPeriod() {
        String run = Long.toHexString(System.nanoTime());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UsersTable.execute("INSERT INTO capydb_auth.deliveries VALUES ('banata', ?, ?), ('banata', ?, ?)",
                "old-" + run, now.minus(8, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC),
                "recent-" + run, now.minus(6, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));

        HttpResponse<String> pruned = Webhooks.post(Webhooks.resolve(base, "app/support/prune-deliveries"), new byte[0]);

        assertEquals(200, pruned.statusCode(), pruned.body());
        assertTrue(Integer.parseInt(pruned.body()) >= 1, pruned.body());
        assertEquals(0L, UsersTable.count("deliveries", "delivery_id", "old-" + run));
        assertEquals(1L, UsersTable.count("deliveries", "delivery_id", "recent-" + run));
    }

    private HttpResponse<String> update(String id, String version, Instant createdAt, Instant updatedAt) {
        return send(EventStream.userUpdated(id, version, createdAt, updatedAt));
    }

    private HttpResponse<String> send(EventStream.Event event) {
        return event.deliverTo(base);
    }

    private static void assertStatus(String status, HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(status, json(response.body()).getString("status"), response.body());
    }

    private JsonArray observations(String kind) {
        HttpResponse<String> response = Webhooks.get(Webhooks.resolve(base, "app/support/observations/" + kind));
        assertNotNull(response.body());
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
