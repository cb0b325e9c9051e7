package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.WebhookSignatures;
import dev.capydb.authsync.it.war.async.AsyncObservations;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The events (of users, organizations and memberships) reach {@code @ObservesAsync} observers too, on the server's managed executor (with the
 * application's naming context), after the commit; such an observer that fails or blocks changes no
 * answer and holds up no later delivery. {@code WebhookReceived} reaches both kinds once per accepted
 * delivery, and never for a redelivery or a refused one.
 */
@ServerTest
@Tag("observers")
class AsyncObserversIT {

    private static final String SECRET = "it-async-observers-secret";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ReceiverWar.onTestDatabase("async-observers-it", Map.of("capydb.auth.better-auth.secret", SECRET))
                .addPackage(AsyncObservations.class.getPackage());
    }

    @ArquillianResource
    URL base;

    @Test
    void asynchronousObserversReceiveTheChangesAndTheDeliveriesOnAManagedThread() {
        String id = "usr_" + UUID.randomUUID();
        assertEquals(200, deliver("user.created", id).statusCode());
        assertEquals(200, deliver("user.deleted", id).statusCode());

        awaitAsync(lines -> lines.contains("UserCreated " + id + " java:comp")
                && lines.contains("UserDeleted " + id + " java:comp")
                && lines.stream().filter(line -> line.startsWith("WebhookReceived user.")
                        && line.endsWith(" java:comp")).count() >= 2);
    }

    @Test
    void asynchronousObserversReceiveOrganizationAndMembershipChangesToo() {
        String organization = "org_" + UUID.randomUUID();
        String member = "{\"organizationId\":\"" + organization + "\",\"userId\":\"usr_1\",\"role\":\"owner\"}";
        assertEquals("mirrored", status(post("{\"event\":\"organization.created\",\"organization\":{\"id\":\""
                + organization + "\",\"name\":\"Async Inc\"}}", SECRET), 200));
        assertEquals("mirrored", status(post("{\"event\":\"member.added\",\"member\":" + member + "}", SECRET), 200));
        assertEquals("mirrored", status(post("{\"event\":\"member.removed\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                + "\"member\":" + member + "}", SECRET), 200));

        awaitAsync(lines -> lines.contains("OrganizationCreated " + organization + " java:comp")
                && lines.contains("MemberAdded " + organization + "/usr_1 java:comp")
                && lines.contains("MemberRemoved " + organization + "/usr_1 java:comp"));
    }

    @Test
    void aFailingAsynchronousObserverChangesNoAnswer() {
        String id = "async-throws-" + UUID.randomUUID();
        String failure = "An asynchronous observer of UserCreated failed";
        int before = ServerLog.linesContaining(failure).size();

        HttpResponse<String> response = deliver("user.created", id);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("mirrored", json(response.body()).getString("status"));
        assertNotNull(UsersTable.row(id));
        assertTrue(Observed.lines(base).contains("UserCreated better-auth " + id + " committed"),
                "the synchronous observers saw it");
        awaitLog(failure, before);
    }

    @Test
    void aBlockedAsynchronousObserverHoldsUpNoAnswerAndNoLaterDelivery() {
        String blocking = "async-blocks-" + UUID.randomUUID();
        try {
            HttpResponse<String> first = deliver("user.created", blocking);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("mirrored", json(first.body()).getString("status"));
            await(() -> blocked() == 1, () -> "the asynchronous observer of " + blocking + " blocks");

            List<String> later = IntStream.range(0, 20).mapToObj(n -> "usr_" + UUID.randomUUID()).toList();
            List<Integer> statuses = Webhooks.concurrently(4, later, id -> deliver("user.created", id).statusCode());

            assertTrue(statuses.stream().allMatch(status -> status == 200), statuses.toString());
            later.forEach(id -> assertNotNull(UsersTable.row(id), id));
            List<String> seen = Observed.lines(base);
            later.forEach(id -> assertTrue(seen.contains("UserCreated better-auth " + id + " committed"), id));
            assertEquals(1, blocked(), "all of them were answered while the observer was still blocked");
        } finally {
            Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base, "app/support/async/release"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
        awaitAsync(lines -> lines.contains("UserCreated " + blocking + " java:comp"));
    }

    @Test
    void webhookReceivedIsFiredOnceForEachAcceptedDeliveryNeverForARedeliveryOrARefusal() {
        String id = "usr_" + UUID.randomUUID();
        String created = user("user.created", id, "2025-02-01T00:00:00Z");
        String stale = user("user.updated", id, "2025-01-01T00:00:00Z");
        String forged = user("user.created", "usr_" + UUID.randomUUID(), "2025-02-01T00:00:00Z");
        String incomplete = "{\"event\":\"user.created\",\"user\":{\"email\":\"" + id + "@example.com\"}}";

        assertEquals("mirrored", status(post(created, SECRET), 200));
        assertEquals("duplicate", status(post(created, SECRET), 200));
        assertEquals("unchanged", status(post(stale, SECRET), 200));
        assertEquals(401, post(forged, "not-the-secret").statusCode());
        assertEquals(400, post(incomplete, SECRET).statusCode());

        awaitAsync(lines -> lines.stream().anyMatch(line -> line.contains(key(stale))));
        for (List<String> seen : List.of(Observed.deliveries(base), Observed.read(base, "async/observations"))) {
            assertEquals(1, seen.stream().filter(line -> line.contains(key(created))).count(), seen::toString);
            assertEquals(1, seen.stream().filter(line -> line.contains(key(stale))).count(), seen::toString);
            assertEquals(0, seen.stream().filter(line -> line.contains(key(forged)) || line.contains(key(incomplete)))
                    .count(), seen::toString);
        }
    }

    private HttpResponse<String> deliver(String event, String id) {
        return post("{\"event\":\"" + event + "\",\"user\":{\"id\":\"" + id + "\",\"email\":\"a@example.com\"}}",
                SECRET);
    }

    private HttpResponse<String> post(String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(base, "better-auth", bytes, WebhookSignatures.betterAuth(secret, bytes));
    }

    private static String user(String event, String id, String updatedAt) {
        return "{\"event\":\"" + event + "\",\"user\":{\"id\":\"" + id + "\",\"updatedAt\":\"" + updatedAt + "\"}}";
    }

    private static String status(HttpResponse<String> response, int expected) {
        assertEquals(expected, response.statusCode(), response.body());
        return json(response.body()).getString("status");
    }

    /** The delivery id of a body without one of its own: its SHA-256 (README: "A redelivery is harmless"). */
    private static String key(String body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private int blocked() {
        return Integer.parseInt(Webhooks.get(Webhooks.resolve(base, "app/support/async/blocked")).body());
    }

    private void awaitAsync(Predicate<List<String>> done) {
        await(() -> done.test(Observed.read(base, "async/observations")),
                () -> "the asynchronous observers saw what they should: " + Observed.read(base, "async/observations"));
    }

    private static void awaitLog(String text, int before) {
        await(() -> ServerLog.linesContaining(text).size() > before, () -> "the server log says: " + text);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
