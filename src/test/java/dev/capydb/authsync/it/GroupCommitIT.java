package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Group commit: the deliveries that arrive while a transaction is in flight are written together in
 * the next one, and none is answered before that commit; a delivery the database refuses fails
 * alone; one user's events in one batch apply in their order of arrival. To hold a transaction in
 * flight for as long as it needs, the test locks a user's row itself: the receiver's transaction
 * updating that user waits for the lock, and whatever is sent meanwhile waits in line behind it.
 */
@ServerTest
@Tag("group-commit")
class GroupCommitIT {

    private static final Instant T = Instant.parse("2025-04-01T12:00:00Z");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ReceiverWar.onTestDatabase("group-commit-it", EventStream.SETTINGS);
    }

    @ArquillianResource
    URL base;

    private final ExecutorService senders = Executors.newCachedThreadPool();

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void deliveriesArrivingDuringATransactionAreCommittedTogetherAndAnsweredOnlyAfterIt() throws Exception {
        String run = "batch-" + System.nanoTime() + "-";
        List<CompletableFuture<HttpResponse<String>>> queued = new ArrayList<>();
        try (InFlightTransaction inFlight = holdTransaction(run + "blocker")) {
            for (int k = 0; k < 10; k++) {
                queued.add(sendAsync(EventStream.userUpdated(run + k, "v1", T, T)));
            }
            Thread.sleep(2000); // they arrive and wait in line

            assertFalse(queued.stream().anyMatch(CompletableFuture::isDone), "nothing is answered before its commit");
            assertEquals(0L, countRows(run + "_"), "nothing is written before the commit");
            inFlight.release();
        }

        for (CompletableFuture<HttpResponse<String>> response : queued) {
            assertStatus("mirrored", response.get(60, TimeUnit.SECONDS));
        }
        assertEquals(11L, countRows(run + "%"));
        assertEquals(1L, transactionsOf(run + "_"), "the ten that waited (not the blocker) were written by one transaction");
    }

    @Test
    void aDeliveryTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsCommitted() throws Exception {
        String run = "refused-" + System.nanoTime() + "-";
        List<CompletableFuture<HttpResponse<String>>> good = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> refused;
        EventStream.Event unstorable = new EventStream.Event("msg_nul_" + run, run + "nul",
                "{\"event\":\"user.created\",\"timestamp\":\"" + T + "\",\"data\":{\"id\":\"" + run
                        + "nul\",\"name\":\"a\\u0000b\",\"updatedAt\":\"" + T + "\"}}");
        try (InFlightTransaction inFlight = holdTransaction(run + "blocker")) {
            for (int k = 0; k < 3; k++) {
                good.add(sendAsync(EventStream.userUpdated(run + k, "v1", T, T)));
            }
            refused = sendAsync(unstorable);
            for (int k = 3; k < 6; k++) {
                good.add(sendAsync(EventStream.userUpdated(run + k, "v1", T, T)));
            }
            Thread.sleep(2000);
            inFlight.release();
        }

        HttpResponse<String> response = refused.get(60, TimeUnit.SECONDS);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("unstorable_payload", json(response.body()).getString("error"));
        for (CompletableFuture<HttpResponse<String>> other : good) {
            assertStatus("mirrored", other.get(60, TimeUnit.SECONDS));
        }
        assertEquals(7L, countRows(run + "%"), "the blocker and the six good users");
        assertNull(UsersTable.row(run + "nul"));
        assertEquals(0L, UsersTable.count("deliveries", "delivery_id", unstorable.deliveryId()),
                "a refused delivery is not recorded: a corrected redelivery applies");
    }

    @Test
    void oneUsersEventsInOneBatchApplyInTheirOrderOfArrival() throws Exception {
        String run = "order-" + System.nanoTime() + "-";
        String id = run + "user";
        EventStream.Event created = EventStream.userUpdated(id, "created", T, T);
        EventStream.Event updated = EventStream.userUpdated(id, "updated", T, T.plusSeconds(60));
        EventStream.Event deleted = new EventStream.Event("msg_del_" + id, id, "{\"event\":\"user.deleted\","
                + "\"timestamp\":\"" + T.plusSeconds(120) + "\",\"data\":{\"id\":\"" + id + "\"}}");
        // Sent after the deletion, but from before it: the row takes it and the user stays deleted.
        EventStream.Event lateFromBefore = EventStream.userUpdated(id, "late", T, T.plusSeconds(90));
        EventStream.Event stale = EventStream.userUpdated(id, "stale", T, T.plusSeconds(30));
        List<EventStream.Event> arrivals = List.of(created, updated, deleted, lateFromBefore, updated, stale);

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (InFlightTransaction inFlight = holdTransaction(run + "blocker")) {
            for (EventStream.Event event : arrivals) {
                responses.add(sendAsync(event));
                Thread.sleep(300); // one after another: the order of arrival is the order of sending
            }
            Thread.sleep(1000);
            inFlight.release();
        }

        List<String> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            statuses.add(json(r.body()).getString("status"));
        }
        assertEquals(List.of("mirrored", "mirrored", "mirrored", "mirrored", "duplicate", "unchanged"), statuses);
        Map<String, Object> row = UsersTable.row(id);
        assertEquals(T.plusSeconds(120), row.get("deleted_at"));
        assertEquals("late@example.com", row.get("email"));
        assertEquals(List.of("UserUpdated " + id + " " + T, "UserUpdated " + id + " " + T.plusSeconds(60),
                "UserDeleted " + id + " " + T.plusSeconds(120)), changesOf(id));
        assertEquals(1L, deliveryTransactions(List.of(created, updated, deleted, lateFromBefore, stale)),
                "the user's events were one batch");
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(EventStream.Event event) {
        return CompletableFuture.supplyAsync(() -> event.deliverTo(base), senders);
    }

    /**
     * Creates user {@code blocker}, locks its row, and sends it an update: the receiver's transaction
     * writing that update waits for the lock until {@link InFlightTransaction#release()}.
     */
    private InFlightTransaction holdTransaction(String blocker) throws Exception {
        assertStatus("mirrored", EventStream.userUpdated(blocker, "v1", T, T).deliverTo(base));
        Connection connection = TestDatabase.connect();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id FROM capydb_auth.users WHERE id = ? FOR UPDATE")) {
            lock.setString(1, blocker);
            lock.executeQuery().close();
        }
        CompletableFuture<HttpResponse<String>> blocked =
                sendAsync(EventStream.userUpdated(blocker, "v2", T, T.plusSeconds(1)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!receiverWaitsForLock(connection)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver's transaction never reached the locked row");
            }
            Thread.sleep(20);
        }
        return new InFlightTransaction(connection, blocked);
    }

    private static boolean receiverWaitsForLock(Connection connection) throws SQLException {
        try (PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'");
                ResultSet rs = waiting.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** The lock that keeps the receiver's transaction in flight; releasing it lets that transaction commit. */
    private static final class InFlightTransaction implements AutoCloseable {

        private final Connection connection;
        private final CompletableFuture<HttpResponse<String>> blocked;

        InFlightTransaction(Connection connection, CompletableFuture<HttpResponse<String>> blocked) {
            this.connection = connection;
            this.blocked = blocked;
        }

        void release() throws Exception {
            assertFalse(blocked.isDone(), "the delivery waiting for the lock is not answered");
            connection.rollback();
            assertStatus("mirrored", blocked.get(60, TimeUnit.SECONDS));
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static long countRows(String idPattern) throws SQLException {
        return single("SELECT count(*) FROM capydb_auth.users WHERE id LIKE ?", idPattern);
    }

    /** How many transactions wrote the rows whose id matches (each row remembers its writer's id, xmin). */
    private static long transactionsOf(String idPattern) throws SQLException {
        return single("SELECT count(DISTINCT xmin::text) FROM capydb_auth.users WHERE id LIKE ?", idPattern);
    }

    /** How many transactions recorded these deliveries. */
    private static long deliveryTransactions(List<EventStream.Event> events) throws SQLException {
        return single("SELECT count(DISTINCT xmin::text) FROM capydb_auth.deliveries WHERE delivery_id = ANY (?)",
                events.stream().map(EventStream.Event::deliveryId).toArray(String[]::new));
    }

    private static long single(String sql, Object parameter) throws SQLException {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter instanceof String[] array
                    ? connection.createArrayOf("text", array) : parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> changesOf(String id) {
        String body = Webhooks.get(Webhooks.resolve(base, "app/support/observations/changes")).body();
        return Json.createReader(new StringReader(body)).readArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).filter(c -> c.contains(" " + id + " ")).toList();
    }

    private static void assertStatus(String status, HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(status, json(response.body()).getString("status"), response.body());
    }
}
