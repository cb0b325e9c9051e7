package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Better Auth slice end to end: signed webhooks posted over HTTP to a real WildFly, rows
 * checked in PostgreSQL over JDBC, CDI events checked through the host application's observer.
 */
@ServerTest
@Tag("webhooks")
class BetterAuthWebhookIT {

    private static final String SECRET = "it-better-auth-secret-" + UUID.randomUUID();
    private static final String PREVIOUS_SECRET = "it-better-auth-previous-secret";
    private static final String HEADER = "X-Better-Auth-Signature";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ReceiverWar.onTestDatabase("better-auth-it",
                Map.of("capydb.auth.better-auth.secret", SECRET + ", " + PREVIOUS_SECRET));
    }

    @ArquillianResource
    URL base;

    @Test
    void userCreatedBecomesOneRowWithEveryColumnNormalized() {
        String id = newId();
        String user = """
                {"id":"%s","email":"ada@example.com","name":"Ada King Lovelace","username":"ada",\
                "image":"https://img.example/ada.png","emailVerified":true,\
                "createdAt":"2025-01-15T10:30:00.123Z","updatedAt":"2025-01-16T08:00:00+01:00"}""".formatted(id);

        HttpResponse<String> response = send(event("user.created", user));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("mirrored", json(response.body()).getString("status"));
        Map<String, Object> row = UsersTable.row(id);
        assertEquals("ada@example.com", row.get("email"));
        assertEquals("Ada", row.get("first_name"));
        assertEquals("King Lovelace", row.get("last_name"));
        assertEquals("ada", row.get("username"));
        assertEquals("https://img.example/ada.png", row.get("image_url"));
        assertEquals(Instant.parse("2025-01-15T10:30:00.123Z"), row.get("created_at"));
        assertEquals(Instant.parse("2025-01-16T07:00:00Z"), row.get("updated_at"));
        assertNull(row.get("last_sign_in_at"));
        assertNull(row.get("deleted_at"));
        assertTrue(UsersTable.rawEqualsJson(id, user), () -> "raw was " + row.get("raw"));
    }

    @Test
    void userUpdatedChangesTheRowAndUserDeletedSetsDeletedAtKeepingTheRest() {
        String id = newId();
        String created = "{\"id\":\"%s\",\"email\":\"grace@example.com\",\"name\":\"Grace Hopper\",\"createdAt\":\"2025-01-15T10:30:00Z\"}"
                .formatted(id);
        String updated = "{\"id\":\"%s\",\"email\":\"amazing.grace@example.com\",\"name\":\"Grace Brewster Hopper\",\"createdAt\":\"2025-01-15T10:30:00Z\",\"updatedAt\":\"2025-02-01T00:00:00Z\"}"
                .formatted(id);
        assertEquals(200, send(event("user.created", created)).statusCode());

        assertEquals(200, send(event("user.updated", updated)).statusCode());
        Map<String, Object> afterUpdate = UsersTable.row(id);
        assertEquals("amazing.grace@example.com", afterUpdate.get("email"));
        assertEquals("Grace", afterUpdate.get("first_name"));
        assertEquals("Brewster Hopper", afterUpdate.get("last_name"));
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), afterUpdate.get("updated_at"));
        assertTrue(UsersTable.rawEqualsJson(id, updated));

        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> deleted = send(event("user.deleted", "{\"id\":\"" + id + "\"}"));
        assertEquals(200, deleted.statusCode(), deleted.body());
        Map<String, Object> afterDelete = UsersTable.row(id);
        Instant deletedAt = (Instant) afterDelete.get("deleted_at");
        assertNotNull(deletedAt);
        assertTrue(deletedAt.isAfter(before) && deletedAt.isBefore(Instant.now().plusSeconds(1)), deletedAt::toString);
        afterDelete.remove("deleted_at");
        afterUpdate.remove("deleted_at");
        assertEquals(afterUpdate, afterDelete, "a deletion keeps every other column");
    }

    @Test
    void aDeletedUserIsNotBroughtBackByALateUpdate() {
        String id = newId();
        send(event("user.created", "{\"id\":\"" + id + "\",\"email\":\"old@example.com\"}"));
        send(event("user.deleted", "{\"id\":\"" + id + "\"}"));

        HttpResponse<String> late = send(event("user.updated", "{\"id\":\"" + id + "\",\"email\":\"new@example.com\"}"));

        assertEquals(200, late.statusCode(), "acknowledged, so the sender does not retry");
        assertEquals("unchanged", json(late.body()).getString("status"));
        assertEquals("old@example.com", UsersTable.row(id).get("email"));
        assertNotNull(UsersTable.row(id).get("deleted_at"));
    }

    @Test
    void theExactBytesSentAreVerifiedAndStoredNotARe_serialization() {
        String id = newId();
        // Non-ASCII, escapes, odd whitespace, unusual key order, numbers JavaScript would not print this way.
        String user = "{ \"bio\" : \"caf\\u00e9 \\\"quoted\\\" \\\\ back\\/slash\\n\\ttab \\ud83d\\ude00\",\r\n"
                + "\t\"name\":\"Zoë   Åsa Ødegård 李\" , \"id\" :\"" + id + "\",\"score\": 1.50, \"big\": 12345678901234567890123,"
                + " \"exp\": 1e3, \"nested\": {\"z\": [], \"a\": {}}, \"email\": \"zoë@exämple.com\" }";
        String body = "\n{  \"user\" :" + user + " ,\n  \"event\":  \"user.created\"  }\n";

        HttpResponse<String> response = send(body);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> row = UsersTable.row(id);
        assertEquals("Zoë", row.get("first_name"));
        assertEquals("Åsa Ødegård 李", row.get("last_name"));
        assertEquals("zoë@exämple.com", row.get("email"));
        assertTrue(UsersTable.rawEqualsJson(id, user), () -> "raw was " + row.get("raw"));
        JsonObject raw = json((String) row.get("raw"));
        assertEquals("café \"quoted\" \\ back/slash\n\ttab 😀", raw.getString("bio"));
        assertEquals("12345678901234567890123", raw.getJsonNumber("big").bigIntegerValueExact().toString());
    }

    static Stream<Arguments> unauthenticated() {
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"id\":\"forged\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] tampered = ("{\"event\":\"user.created\",\"user\":{\"id\":\"forgeD\"}}").getBytes(StandardCharsets.UTF_8);
        String good = Webhooks.hmacSha256Hex(SECRET, body);
        return Stream.of(
                Arguments.of("tampered body", tampered, new String[] {HEADER, good}),
                Arguments.of("wrong secret", body, new String[] {HEADER, Webhooks.hmacSha256Hex("wrong", body)}),
                Arguments.of("missing header", body, new String[0]),
                Arguments.of("non-hex header", body, new String[] {HEADER, "zz" + good.substring(2)}),
                Arguments.of("truncated header", body, new String[] {HEADER, good.substring(0, 40)}),
                Arguments.of("empty body", new byte[0], new String[] {HEADER, good}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthenticated")
    void unauthenticatedDeliveriesAre401AndWriteNothing(String why, byte[] body, String[] signature) {
        long rows = UsersTable.count();

        HttpResponse<String> response = Webhooks.post(webhook("better-auth"), body,
                Stream.concat(Stream.of("Content-Type", "application/json"), Stream.of(signature)).toArray(String[]::new));

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_signature", json(response.body()).getString("error"));
        assertFalse(response.body().contains(SECRET));
        if (signature.length > 0) {
            assertFalse(response.body().contains(signature[1]), "the signature is not echoed");
        }
        assertNull(UsersTable.row("forged"));
        assertNull(UsersTable.row("forgeD"));
        assertEquals(rows, UsersTable.count());
    }

    @Test
    void prefixedAndUppercaseSignaturesAndTheRotatedSecretAreAccepted() {
        for (String variant : new String[] {"prefix", "uppercase", "previous secret"}) {
            String id = newId();
            byte[] body = event("user.created", "{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            String signature = switch (variant) {
                case "prefix" -> "sha256=" + Webhooks.hmacSha256Hex(SECRET, body);
                case "uppercase" -> Webhooks.hmacSha256Hex(SECRET, body).toUpperCase(Locale.ROOT);
                default -> Webhooks.hmacSha256Hex(PREVIOUS_SECRET, body);
            };
            HttpResponse<String> response = Webhooks.post(webhook("better-auth"), body,
                    "Content-Type", "application/json", HEADER, signature);
            assertEquals(200, response.statusCode(), variant + ": " + response.body());
            assertNotNull(UsersTable.row(id), variant);
        }
    }

    /** The server's own header lookup, not the scheme, makes the name case-insensitive. */
    @Test
    void theSignatureHeaderIsFoundWhateverTheCaseOfItsName() {
        for (String name : new String[] {"x-better-auth-signature", "X-BETTER-AUTH-SIGNATURE"}) {
            String id = newId();
            byte[] body = event("user.created", "{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = Webhooks.post(webhook("better-auth"), body,
                    "Content-Type", "application/json", name, Webhooks.hmacSha256Hex(SECRET, body));
            assertEquals(200, response.statusCode(), name + ": " + response.body());
            assertNotNull(UsersTable.row(id), name);
        }
    }

    @Test
    void aKnownAnswerVectorComputedOutsideJavaIsAccepted() {
        // printf '%s' "$body" | openssl dgst -sha256 -hmac "$PREVIOUS_SECRET", computed once by hand.
        String body = "{\"event\":\"user.created\",\"user\":{\"id\":\"usr_known_answer\",\"name\":\"Known Answer\"}}";
        String signature = "78548d4a8f12dfde4ee00381bf299bffc6d5a3f8a2a418326f18530aa6e62c83";
        HttpResponse<String> response = Webhooks.post(webhook("better-auth"), body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", HEADER, signature);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Known", UsersTable.row("usr_known_answer").get("first_name"));
    }

    @Test
    void bodiesOverTheLimitAre413WithOrWithoutContentLength() {
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        String signature = Webhooks.hmacSha256Hex(SECRET, body);
        long rows = UsersTable.count();

        HttpResponse<String> declared = Webhooks.post(webhook("better-auth"), body,
                "Content-Type", "application/json", HEADER, signature);
        HttpResponse<String> chunked = Webhooks.send(HttpRequest.newBuilder(webhook("better-auth"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                "Content-Type", "application/json", HEADER, signature);

        assertEquals(413, declared.statusCode(), declared.body());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("body_too_large", json(chunked.body()).getString("error"));
        assertEquals(rows, UsersTable.count());
    }

    /**
     * Larger than the servlet container's and the JAX-RS runtime's buffers, and chunked: the filter
     * reads the whole stream, and JAX-RS then reads the verified copy to its end exactly once.
     */
    @Test
    void aChunkedBodyOf200KiBVerifiesAndIsStoredWhole() {
        String id = newId();
        String bio = "x".repeat(200 * 1024);
        byte[] body = event("user.created", "{\"id\":\"%s\",\"email\":\"big@example.com\",\"bio\":\"%s\"}"
                .formatted(id, bio)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = Webhooks.send(HttpRequest.newBuilder(webhook("better-auth"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                "Content-Type", "application/json", HEADER, Webhooks.hmacSha256Hex(SECRET, body));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("mirrored", json(response.body()).getString("status"));
        assertEquals(bio, json(UsersTable.row(id).get("raw").toString()).getString("bio"));
    }

    @Test
    void malformedJsonAndMissingFieldsAre400AndWriteNothing() {
        long rows = UsersTable.count();
        for (String body : new String[] {
            "{\"event\":\"user.created\",\"user\":{\"id\":\"half\"",
            "{\"user\":{\"id\":\"no-event\"}}",
            "{\"event\":\"user.created\",\"user\":{\"email\":\"no-id@example.com\"}}",
            "{\"event\":\"user.created\",\"user\":{\"id\":\"bad-date\",\"createdAt\":\"yesterday\"}}",
            "[]"}) {
            HttpResponse<String> response = send(body);
            assertEquals(400, response.statusCode(), body);
            assertEquals("invalid_payload", json(response.body()).getString("error"));
        }
        assertEquals(rows, UsersTable.count());
    }

    @Test
    void aNonJsonContentTypeIs415() {
        byte[] body = event("user.created", "{\"id\":\"" + newId() + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Webhooks.post(webhook("better-auth"), body,
                "Content-Type", "text/plain", HEADER, Webhooks.hmacSha256Hex(SECRET, body));
        assertEquals(415, response.statusCode(), response.body());
    }

    @Test
    void unknownOrUnconfiguredProvidersAre404() {
        byte[] body = event("user.created", "{\"id\":\"nobody\"}").getBytes(StandardCharsets.UTF_8);
        for (String provider : new String[] {"clerk", "no-such-provider", "better-auth/extra"}) {
            HttpResponse<String> response = Webhooks.post(webhook(provider), body, "Content-Type", "application/json",
                    HEADER, Webhooks.hmacSha256Hex(SECRET, body));
            assertEquals(404, response.statusCode(), provider + ": " + response.body());
        }
        assertNull(UsersTable.row("nobody"));
    }

    @Test
    void theHostApplicationsOwnJaxRsPathDoesNotBypassTheSignatureCheck() {
        String id = newId();
        byte[] body = event("user.created", "{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Webhooks.post(uri("app/better-auth"), body, "Content-Type", "application/json",
                HEADER, Webhooks.hmacSha256Hex(SECRET, body));
        assertEquals(404, response.statusCode(), response.body());
        assertNull(UsersTable.row(id));
    }

    @Test
    void sessionAndAccountEventsAreAcknowledgedNotMirroredButObserved() {
        String marker = newId();
        for (String name : new String[] {"session.created", "account.linked"}) {
            HttpResponse<String> response = send("{\"event\":\"" + name + "\",\"marker\":\"" + marker
                    + "\",\"data\":{\"id\":\"" + marker + "\",\"userId\":\"u\"}}");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("not_mirrored", json(response.body()).getString("status"));
        }
        assertNull(UsersTable.row(marker));
        JsonArray lines = observations();
        assertTrue(lines.contains(Json.createValue("WebhookReceived better-auth session.created " + marker)), lines::toString);
        assertTrue(lines.contains(Json.createValue("WebhookReceived better-auth account.linked " + marker)), lines::toString);
    }

    @Test
    void observersSeeEachChangeOnlyAfterItIsCommitted() {
        String id = newId();
        send(event("user.created", "{\"id\":\"" + id + "\",\"email\":\"observed@example.com\"}"));
        send(event("user.updated", "{\"id\":\"" + id + "\",\"email\":\"observed2@example.com\"}"));
        send(event("user.deleted", "{\"id\":\"" + id + "\"}"));

        JsonArray lines = observations();
        assertEquals(1, lines.stream().filter(Json.createValue("UserCreated better-auth " + id + " committed")::equals).count(),
                lines::toString);
        assertTrue(lines.contains(Json.createValue("UserUpdated better-auth " + id + " committed")), lines::toString);
        assertTrue(lines.contains(Json.createValue("UserDeleted better-auth " + id + " committed")), lines::toString);
        assertFalse(lines.toString().contains("NOT-COMMITTED"), lines::toString);
    }

    @Test
    void theApplicationReadsTheRowThroughTheReadOnlyEntity() {
        String id = newId();
        send(event("user.created", "{\"id\":\"" + id + "\",\"email\":\"jpa@example.com\",\"name\":\"Jay Pea\","
                + "\"createdAt\":\"2025-03-01T12:00:00Z\",\"extra\":{\"plugin\":true}}"));

        HttpResponse<String> response = Webhooks.get(uri("app/support/users/" + id));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject user = json(response.body());
        assertEquals("jpa@example.com", user.getString("email"));
        assertEquals("Pea", user.getString("lastName"));
        assertEquals(Instant.parse("2025-03-01T12:00:00Z"), java.time.OffsetDateTime.parse(user.getString("createdAt")).toInstant());
        assertTrue(json(user.getString("raw")).getJsonObject("extra").getBoolean("plugin"));
        assertTrue(user.isNull("deletedAt"));

        HttpResponse<String> removal = Webhooks.send(HttpRequest.newBuilder(uri("app/support/users/" + id)).DELETE());
        assertEquals("refused: capydb_auth.users is written by capydb-auth-sync only", removal.body(),
                "the entity is read-only");
        assertNotNull(UsersTable.row(id));
    }

    // --- helpers

    private HttpResponse<String> send(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Webhooks.post(webhook("better-auth"), bytes, "Content-Type", "application/json",
                HEADER, Webhooks.hmacSha256Hex(SECRET, bytes));
    }

    private static String event(String name, String user) {
        return "{\"event\":\"" + name + "\",\"user\":" + user + "}";
    }

    private JsonArray observations() {
        return Json.createReader(new StringReader(Webhooks.get(uri("app/support/observations")).body())).readArray();
    }

    private URI webhook(String provider) {
        return uri("capydb-auth/webhooks/" + provider);
    }

    private URI uri(String path) {
        return Webhooks.resolve(base, path);
    }

    private static String newId() {
        return "usr_" + UUID.randomUUID();
    }
}
