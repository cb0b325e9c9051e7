package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider end to end in one application configured for all of them: signed user events
 * become the same table shape; forged, stale and incomplete deliveries are refused with 401 and
 * write nothing; events the table does not hold are acknowledged and reach observers.
 */
@ServerTest
@Tag("webhooks")
@Tag("database")
class ProvidersWebhookIT {

    /**
     * Every secret in {@code microprofile-config.properties} but Auth0's, which comes from the
     * environment variable {@code CAPYDB_AUTH_AUTH0_SECRET} that the build sets for the servers it
     * starts: so each server's mapping of environment variables to keys is tested too.
     */
    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> secrets = new HashMap<>();
        senders().filter(s -> !s.provider.equals("auth0"))
                .forEach(s -> secrets.put("capydb.auth." + s.provider + ".secret", s.secret));
        return ReceiverWar.onTestDatabase("providers-it", secrets);
    }

    static Stream<Sender> senders() {
        return Sender.all().stream();
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void createUpdateAndDeleteLeaveTheRightRow(Sender sender) {
        String id = "usr_" + UUID.randomUUID();

        String created = sender.created(id);
        assertEquals(200, deliver(sender, created).statusCode());
        assertEquals(sender.rowAfterCreate(id), columns(id));
        assertTrue(UsersTable.rawEqualsJson(id, sender.rawOf(created)));

        String updated = sender.updated(id);
        assertEquals(200, deliver(sender, updated).statusCode());
        assertEquals(sender.rowAfterUpdate(id), columns(id));
        assertTrue(UsersTable.rawEqualsJson(id, sender.rawOf(updated)));

        HttpResponse<String> deleted = deliver(sender, sender.deleted(id));
        assertEquals(200, deleted.statusCode(), deleted.body());
        Map<String, Object> row = UsersTable.row(id);
        assertNotNull(row.get("deleted_at"));
        Map<String, Object> expected = sender.rowAfterUpdate(id);
        expected.remove("deleted_at");
        row.remove("deleted_at");
        row.remove("raw");
        assertEquals(expected, row, "deletion keeps the other columns");
        assertTrue(UsersTable.rawEqualsJson(id, sender.rawOf(updated)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void forgedStaleAndIncompleteDeliveriesAre401AndWriteNothing(Sender sender) {
        String id = "usr_" + UUID.randomUUID();
        byte[] body = Sender.utf8(sender.created(id));
        long rows = UsersTable.count();

        if (sender.signsBody()) {
            assertUnauthorized(sender, Sender.utf8(sender.created(id + "x")), sender.sign(body));
        }
        assertUnauthorized(sender, body, sender.sign(sender.wrongSecret, body, Instant.now()));
        if (sender.signsTimestamp()) {
            assertUnauthorized(sender, body, sender.sign(sender.secret, body, Instant.now().minusSeconds(400)));
            assertUnauthorized(sender, body, sender.sign(sender.secret, body, Instant.now().plusSeconds(400)));
        }
        for (String header : sender.requiredHeaders()) {
            Map<String, String> headers = new HashMap<>(sender.sign(body));
            headers.keySet().removeIf(header::equalsIgnoreCase);
            assertUnauthorized(sender, body, headers);
        }
        Map<String, String> malformed = new HashMap<>(sender.sign(body));
        malformed.put(sender.signatureHeader(), "garbage");
        assertUnauthorized(sender, body, malformed);

        assertNull(UsersTable.row(id));
        assertNull(UsersTable.row(id + "x"));
        assertEquals(rows, UsersTable.count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void eventsTheTableDoesNotHoldAreAcknowledgedAndObserved(Sender sender) {
        String marker = "mark_" + UUID.randomUUID();
        long rows = UsersTable.count();

        HttpResponse<String> response = deliver(sender, sender.ignored(marker));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("not_mirrored", json(response.body()).getString("status"));
        assertEquals(rows, UsersTable.count());
        JsonArray lines = Json.createReader(new StringReader(
                Webhooks.get(Webhooks.resolve(base, "app/support/observations")).body())).readArray();
        assertTrue(lines.contains(Json.createValue("WebhookReceived " + sender.provider + " " + sender.ignoredEventName()
                + " " + marker)), lines::toString);
    }

    @Test
    void twoProvidersThatSendTheSameUserIdShareOneRow() {
        String id = "usr_" + UUID.randomUUID();
        Sender banata = Sender.banata();
        Sender clerk = Sender.clerk();

        assertEquals(200, deliver(banata, banata.created(id)).statusCode());
        HttpResponse<String> updated = deliver(clerk, clerk.updated(id));

        assertEquals("mirrored", Webhooks.json(updated.body()).getString("status"), updated.body());
        assertEquals(clerk.rowAfterUpdate(id), columns(id));
        assertEquals(1, UsersTable.count("users", "id", id));
    }

    private HttpResponse<String> deliver(Sender sender, String body) {
        byte[] bytes = Sender.utf8(body);
        return post(sender, bytes, sender.sign(bytes));
    }

    private void assertUnauthorized(Sender sender, byte[] body, Map<String, String> headers) {
        HttpResponse<String> response = post(sender, body, headers);
        assertEquals(401, response.statusCode(), sender + " " + headers.keySet() + ": " + response.body());
        assertEquals("invalid_signature", json(response.body()).getString("error"));
    }

    private HttpResponse<String> post(Sender sender, byte[] body, Map<String, String> headers) {
        return Webhooks.deliver(base, sender.provider, body, headers);
    }

    private static Map<String, Object> columns(String id) {
        Map<String, Object> row = UsersTable.row(id);
        assertNotNull(row, id);
        row.remove("raw");
        return row;
    }
}
