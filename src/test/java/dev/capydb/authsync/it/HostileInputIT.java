package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input built to break the receiver, each case answered with a clear 4xx, a JSON error body
 * without stack trace, secret or signature, and no change to any table; plus slow senders that must
 * not hold database connections. The server's pool has two connections, fewer than the senders.
 */
@ServerTest
@Tag("guarantees")
@Tag("database")
@ServerSetup(HostileInputIT.SmallPool.class)
class HostileInputIT {

    private static final String SECRET = "it-hostile-secret-" + UUID.randomUUID();
    private static final List<String> SIGNATURES = new ArrayList<>();

    /** A pool smaller than the number of slow senders. */
    static final class SmallPool extends ServerDataSource {
        SmallPool() {
            super("CapydbHostileIT");
        }

        @Override
        String jdbcUrl() {
            return TestDatabase.jdbcUrl();
        }

        @Override
        int maxPoolSize() {
            return 2;
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return new SmallPool().receiverWar("hostile-input-it", Map.of("capydb.auth.better-auth.secret", SECRET, "capydb.auth.max-body-bytes", "65536"));
    }

    @ArquillianResource
    URL base;

    static Stream<Arguments> hostile() {
        String user = "{\"id\":\"hostile-" + UUID.randomUUID() + "\"";
        return Stream.concat(Stream.of(
                Arguments.of("a chunked body over the limit", chunked(new byte[300_000]), 413, "body_too_large"),
                Arguments.of("a declared length over the limit", signed(new byte[70_000]), 413, "body_too_large"),
                Arguments.of("the signature header twice, a valid one first", repeatedSignature(), 401, "invalid_signature"),
                Arguments.of("invalid UTF-8", signed(new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                        400, "invalid_payload"),
                Arguments.of("nesting 20 000 deep", signed(utf8("{\"event\":\"user.created\",\"user\":" + user + ",\"x\":"
                        + "[".repeat(20_000) + "]".repeat(20_000) + "}}")), 400, "invalid_payload"),
                Arguments.of("a member named twice", signed(utf8("{\"event\":\"user.created\",\"user\":" + user
                        + ",\"email\":\"a@example.com\",\"email\":\"b@example.com\"}}")), 400, "invalid_payload"),
                Arguments.of("a number as a date", signed(utf8("{\"event\":\"user.created\",\"user\":" + user
                        + ",\"createdAt\":1e999999999}}")), 400, "invalid_payload")), unstorable(user));
    }

    /** Values the test database cannot store; each database refuses others (MariaDB stores PostgreSQL's). */
    private static Stream<Arguments> unstorable(String user) {
        if (TestDatabase.onMariaDb()) {
            return Stream.of(
                    Arguments.of("an id longer than MariaDB's 255 characters", signed(utf8("{\"event\":\"user.created\","
                            + "\"user\":{\"id\":\"" + "x".repeat(256) + "\"}}")), 400, "unstorable_payload"),
                    Arguments.of("a date after MariaDB's year 9999", signed(utf8("{\"event\":\"user.created\",\"user\":"
                            + user + ",\"createdAt\":\"+10000-01-01T00:00:00Z\"}}")), 400, "unstorable_payload"));
        }
        return Stream.of(
                Arguments.of("a number beyond PostgreSQL's numeric", signed(utf8("{\"event\":\"user.created\","
                        + "\"user\":" + user + ",\"karma\":1e999999999}}")), 400, "unstorable_payload"),
                Arguments.of("a NUL character", signed(utf8("{\"event\":\"user.created\",\"user\":" + user
                        + ",\"name\":\"a\\u0000b\"}}")), 400, "unstorable_payload"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefusedClearlyAndChangesNothing(String why, HttpRequest.Builder request, int status, String error) {
        long users = UsersTable.count();
        long deliveries = deliveries();

        HttpResponse<String> response = Webhooks.send(request.uri(webhook()).header("Content-Type", "application/json"));

        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, json(response.body()).getString("error"), response.body());
        assertNoLeak(response.body());
        assertEquals(users, UsersTable.count(), "no row written");
        assertEquals(deliveries, deliveries(), "no delivery recorded");
    }

    /**
     * The HTTP listeners of Payara and GlassFish (8 KiB) and Open Liberty (32 KiB) refuse headers over
     * their limit themselves, with a 400 of their own; WildFly's lets 64 KiB through to the filter,
     * which refuses the signature.
     */
    @Test
    void aSignatureHeaderOf64KiBIsRefusedByTheServerOrTheFilterAndChangesNothing() {
        long users = UsersTable.count();
        long deliveries = deliveries();

        HttpResponse<String> response = Webhooks.send(HttpRequest.newBuilder(webhook()).POST(
                HttpRequest.BodyPublishers.ofString("{}")).header("X-Better-Auth-Signature", "a".repeat(65_536)),
                "Content-Type", "application/json");

        if (Server.current() != Server.WILDFLY) {
            assertEquals(400, response.statusCode(), response.body());
        } else {
            assertEquals(401, response.statusCode(), response.body());
            assertEquals("invalid_signature", json(response.body()).getString("error"));
        }
        assertEquals(users, UsersTable.count(), "no row written");
        assertEquals(deliveries, deliveries(), "no delivery recorded");
    }

    @Test
    void slowSendersHoldNoDatabaseConnection() throws IOException {
        URI uri = webhook();
        List<Socket> stalled = new ArrayList<>();
        try {
            // More than the pool's two connections, fewer than the five request threads of GlassFish and Payara.
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket(uri.getHost(), uri.getPort());
                OutputStream out = socket.getOutputStream();
                out.write(utf8("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\nX-Better-Auth-Signature: 00\r\n\r\n{\"ev"));
                out.flush();
                stalled.add(socket);
            }
            String id = "patient-" + UUID.randomUUID();
            byte[] body = utf8("{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\"}}");
            HttpResponse<String> response = Webhooks.send(signed(body).uri(uri).header("Content-Type", "application/json"));

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(1L, UsersTable.count("users", "id", id));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyCutOffBeforeItsDeclaredLengthIsRefusedWith400() throws IOException {
        URI uri = webhook();
        long users = UsersTable.count();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(utf8("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\nX-Better-Auth-Signature: 00\r\n\r\n{\"ev"));
            socket.shutdownOutput(); // the sender breaks off: the server reads the end of the stream
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            if (Server.current().isGlassFishFamily()) {
                assertEquals("", answer, "Payara and GlassFish close the connection of a sender that broke off, unanswered");
            } else {
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                assertTrue(answer.contains("\"error\":\"body_unreadable\""), answer);
            }
        }
        assertEquals(users, UsersTable.count(), "no row written");
    }

    @AfterAll
    static void noSecretOrSignatureWasLogged() {
        for (String text : ServerLog.files()) {
            assertFalse(text.contains(SECRET), "the secret is in the server log");
            for (String signature : SIGNATURES) {
                assertFalse(text.contains(signature), "a signature is in the server log");
            }
        }
    }

    private static void assertNoLeak(String body) {
        assertFalse(body.contains(SECRET));
        assertFalse(body.contains("Exception") || body.contains("\tat "), body);
        for (String signature : SIGNATURES) {
            assertFalse(body.contains(signature), body);
        }
    }

    private static HttpRequest.Builder signed(byte[] body) {
        return HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Better-Auth-Signature", signature(body));
    }

    private static HttpRequest.Builder chunked(byte[] body) {
        return HttpRequest.newBuilder()
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("X-Better-Auth-Signature", signature(body));
    }

    private static HttpRequest.Builder repeatedSignature() {
        byte[] body = utf8("{\"event\":\"session.created\",\"data\":{}}");
        return HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Better-Auth-Signature", signature(body))
                .header("X-Better-Auth-Signature", "00".repeat(32));
    }

    private static synchronized String signature(byte[] body) {
        String signature = Webhooks.hmacSha256Hex(SECRET, body);
        SIGNATURES.add(signature);
        return signature;
    }

    private static long deliveries() {
        return UsersTable.count("deliveries", "provider", "better-auth");
    }

    private URI webhook() {
        return Webhooks.resolve(base, "capydb-auth/webhooks/better-auth");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
