package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capydb.authsync.WebhookSignatures;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What operators see. The MicroProfile Health checks, where each server serves them: Payara Micro
 * on the HTTP port, WildFly on the management port (its microprofile-health-smallrye subsystem,
 * which the build enables on the first server only: {@link TwoNodesIT} deploys to the second,
 * without it). Readiness follows the database, cut through a TCP proxy; liveness follows the write
 * path, stalled by an application observer that hangs. And the log of rejected deliveries.
 */
@ServerTest
@Tag("operations")
@ServerSetup(OperationsIT.ThroughProxy.class)
class OperationsIT {

    private static final TcpProxy PROXY = ProxiedDataSource.proxy(ThroughProxy.class);
    private static final String CHECK = "capydb-auth-sync";

    static final class ThroughProxy extends ProxiedDataSource {
        ThroughProxy() {
            super("CapydbOperationsIT", 4);
        }
    }

    /** The secrets the test-event sender signs with; auth0's comes from the build's environment. */
    private static final Map<String, String> SECRETS = Map.of(
            "better-auth", "operations-it-better-auth",
            "banata", EventStream.SECRET,
            "standard-webhooks", "whsec_" + Base64.getEncoder().encodeToString("operations-it-standard".getBytes(StandardCharsets.UTF_8)),
            "clerk", "whsec_" + Base64.getEncoder().encodeToString("operations-it-clerk".getBytes(StandardCharsets.UTF_8)),
            "auth0", "it-auth0-shared-secret");

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        SECRETS.forEach((provider, secret) -> {
            if (!provider.equals("auth0")) {
                settings.put("capydb.auth." + provider + ".secret", secret);
            }
        });
        settings.put("capydb.auth.stall-seconds", "2");
        return new ThroughProxy().receiverWar("operations-it", settings);
    }

    @ArquillianResource
    URL base;

    /**
     * Flyway finds the migrations, and logs nothing for its default callback location, on every server:
     * on Open Liberty's class loader it finds either only through the library's flyway.location files.
     */
    @Test
    void flywayLogsNoLocationItCouldNotResolve() {
        assertEquals(List.of(), ServerLog.linesContaining("Unable to resolve location"));
    }

    /** The run on the newest LTS JDK names it (pom.xml), and WildFly logs the version it runs on. */
    @Test
    void theServerRunsOnTheJdkTheRunNames() {
        String version = System.getProperty("capydb.it.server.java.version");
        assumeTrue(version != null, "this run names no JDK: the server runs on the build's");
        assertFalse(ServerLog.linesContaining("java.version = " + version + ".").isEmpty(),
                "the server log says it runs on Java " + version);
    }

    @Test
    void readinessFollowsTheDatabaseAndNamesNoSecret() {
        JsonObject ready = awaitCheck("ready", 200, check -> true);
        assertEquals("UP", ready.getString("status"));
        // auth0 by the environment the build gives the servers, the others by the deployment's settings
        assertEquals("better-auth,banata,standard-webhooks,clerk,auth0", ready.getJsonObject("data").getString("providers"));
        assertEquals("up", ready.getJsonObject("data").getString("database"));

        PROXY.cut();
        try {
            HttpResponse<String> down = health("ready");
            assertEquals(503, down.statusCode(), down.body());
            JsonObject check = check(down);
            assertEquals("DOWN", check.getString("status"));
            assertTrue(check.getJsonObject("data").getString("reason").startsWith("the database does not answer"),
                    down.body());
            assertFalse(down.body().contains(EventStream.SECRET), "no secret in the report");
            assertEquals(200, health("live").statusCode(), "a database that is away is no liveness failure");
        } finally {
            PROXY.restore();
        }
        awaitCheck("ready", 200, check -> "UP".equals(check.getString("status")));
    }

    @Test
    void livenessGoesDownWhileAnObserverStallsTheWritePath() throws Exception {
        JsonObject live = awaitCheck("live", 200, check -> true);
        assertEquals("UP", live.getString("status"));
        // Payara reports numbers of the data as strings
        assertEquals("0", live.getJsonObject("data").get("waiting deliveries").toString().replace("\"", ""));

        EventStream.Event stalling = EventStream.histories("stall-" + Long.toHexString(System.nanoTime()) + "-", 1, 0).get(0);
        CompletableFuture<HttpResponse<String>> delivery = CompletableFuture.supplyAsync(() -> stalling.deliverTo(base));
        JsonObject stalled;
        try {
            stalled = awaitCheck("live", 503, check -> true);
        } finally {
            Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base, "app/support/release-stalled"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
        assertEquals("DOWN", stalled.getString("status"));
        assertTrue(stalled.getJsonObject("data").getString("reason").contains("capydb.auth.stall-seconds = 2"),
                stalled.toString());

        assertEquals(200, delivery.get().statusCode(), "the stalled delivery was committed before its observer ran");
        awaitCheck("live", 200, check -> "UP".equals(check.getString("status")));
    }

    /**
     * A delivery that waits in line longer than {@code capydb.auth.stall-seconds} behind a stuck batch
     * is answered 503, and withdrawn: the sender's retry, once the write path moves, writes it.
     */
    @Test
    void aDeliveryWaitingBehindAStuckBatchIsAnswered503AndLeftUnwritten() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        EventStream.Event stalling = EventStream.histories("stall-" + run + "-", 1, 0).get(0);
        EventStream.Event behind = EventStream.histories("behind-" + run + "-", 1, 0).get(0);
        CompletableFuture<HttpResponse<String>> stalled = CompletableFuture.supplyAsync(() -> stalling.deliverTo(base));
        HttpResponse<String> answered;
        try {
            awaitCheck("live", 503, check -> true);
            answered = behind.deliverTo(base);
        } finally {
            Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base, "app/support/release-stalled"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
        assertEquals(503, answered.statusCode(), answered.body());
        assertEquals("unavailable", json(answered.body()).getString("error"));
        assertEquals("30", answered.headers().firstValue("Retry-After").orElse(null));
        assertEquals(200, stalled.get().statusCode());
        assertNull(UsersTable.row(behind.userId()), "the delivery answered 503 was not written");

        HttpResponse<String> retried = behind.deliverTo(base);
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("mirrored", json(retried.body()).getString("status"), "the retry is not a duplicate");
        assertNotNull(UsersTable.row(behind.userId()));
        awaitCheck("live", 200, check -> "UP".equals(check.getString("status")));
    }

    @Test
    void everyRejectionIsOneWarningLineAndAFloodIsCut() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        EventStream.Event event = EventStream.histories("forged-" + run + "-", 1, 0).get(0);
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> forgedHeaders = WebhookSignatures.banata("whsec_not-the-secret", body, event.deliveryId(), Instant.now());
        String forgedSignature = forgedHeaders.get("Webhook-Signature");
        String rejection = "provider=banata reason=invalid_signature/mismatch";
        int earlier = ServerLog.linesContaining(rejection).size(); // the server's log holds earlier tests' lines
        HttpResponse<String> forged = Webhooks.deliver(base, EventStream.PROVIDER, body, forgedHeaders);
        assertEquals(401, forged.statusCode(), forged.body());
        String line = awaitLogLine(rejection, earlier);
        assertTrue(line.contains("WARN") || line.contains(" W Rejected webhook"), line); // Open Liberty writes W
        assertTrue(line.matches(".*Rejected webhook: provider=banata reason=invalid_signature/mismatch status=401 remote=[0-9a-f.:]+.*"),
                line);

        // A flood of requests for a provider that does not exist, named by the sender.
        String flood = "flood-" + run;
        for (int i = 0; i < 100; i++) {
            assertEquals(404, Webhooks.post(Webhooks.resolve(base, "capydb-auth/webhooks/" + flood), new byte[0],
                    "Content-Type", "application/json").statusCode());
        }
        awaitLogLine("provider=" + flood, 0);
        Thread.sleep(1_000); // Payara's handler writes asynchronously
        int logged = ServerLog.linesContaining("provider=" + flood).size();
        assertTrue(logged >= 1 && logged <= 19, logged + " lines for 100 rejections: at most 20 a minute, one used above");
        for (String text : ServerLog.files()) {
            assertFalse(text.contains(forgedSignature), "the signature is in the log");
            assertFalse(text.contains(EventStream.SECRET), "the secret is in the log");
        }
    }

    @Test
    void theTestEventSenderIsAcceptedForEveryProviderAndEvent() throws Exception {
        assumeSenderRun();
        for (Map.Entry<String, String> provider : SECRETS.entrySet()) {
            String id = "sent-" + provider.getKey() + "-" + Long.toHexString(System.nanoTime());
            String email = "ada+" + provider.getKey() + "@example.com";
            String[] user = {"--id", id, "--email", email, "--name", "Ada King Lovelace"};
            assertEquals("mirrored", sent(provider, "user.created", user));
            assertEquals(List.of(email, "Ada", "King Lovelace"), columns(id, "email", "first_name", "last_name"));
            String updated = sent(provider, "user.updated", "--id", id, "--email", "countess." + email, "--name", "Ada Lovelace");
            assertTrue(Set.of("mirrored", "unchanged").contains(updated), updated + ": unchanged only in the same millisecond");
            assertEquals("not_mirrored", sent(provider, "session.created", "--id", id));
            assertEquals("mirrored", sent(provider, "user.deleted", "--id", id));
            assertNotNull(UsersTable.row(id).get("deleted_at"), provider.getKey());
        }
    }

    /** Each provider's organization and membership in its own shape; Clerk's deletions too, which differ in shape. */
    @Test
    void theTestEventSenderSendsEachProvidersOrganizationAndMembershipEvents() throws Exception {
        assumeSenderRun();
        for (Map.Entry<String, String> provider : SECRETS.entrySet()) {
            if (provider.getKey().equals("auth0")) {
                continue; // Auth0's Actions send users only
            }
            boolean clerk = provider.getKey().equals("clerk");
            String organization = "org_sent_" + provider.getKey() + "_" + Long.toHexString(System.nanoTime());
            String user = "usr_sent_" + provider.getKey();
            String[] about = {"--organization", organization, "--organization-name", "Difference Engines", "--id", user,
                "--role", "owner"};
            assertEquals("mirrored", sent(provider, "organization.created", about));
            assertEquals("Difference Engines", UsersTable.organization(organization).get("name"));
            assertEquals("mirrored", sent(provider, clerk ? "organizationMembership.created" : "member.added", about));
            assertEquals("owner", UsersTable.membership(organization, user).get("role"));
            if (clerk) {
                assertEquals("mirrored", sent(provider, "organizationMembership.deleted", about));
                assertNotNull(UsersTable.membership(organization, user).get("deleted_at"));
                assertEquals("mirrored", sent(provider, "organization.deleted", about));
                assertNotNull(UsersTable.organization(organization).get("deleted_at"));
            }
        }
    }

    @Test
    void theSendersCurlCommandIsAcceptedAsIs() throws Exception {
        String id = "curl-" + Long.toHexString(System.nanoTime());
        Process sender = sender("--provider", "banata", "--secret", EventStream.SECRET, "--id", id, "--curl",
                "--url", Webhooks.resolve(base, "capydb-auth/webhooks/banata").toString());
        String command = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sender.waitFor(), command);
        assertTrue(command.startsWith("curl -i '"), command);

        Process curl = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor(), answer);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"status\":\"mirrored\""), answer);
        assertEquals(List.of("ada@example.com"), columns(id, "email"));
    }

    /** Runs the sender's jar for {@code provider}'s {@code event}; the receiver's {@code status}. */
    private String sent(Map.Entry<String, String> provider, String event, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--provider", provider.getKey(), "--secret", provider.getValue(),
                "--event", event, "--url", Webhooks.resolve(base, "capydb-auth/webhooks/" + provider.getKey()).toString()));
        args.addAll(List.of(options));
        Process sender = sender(args.toArray(String[]::new));
        String output = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sender.waitFor(), provider.getKey() + " " + event + ": " + output);
        assertTrue(output.startsWith("HTTP 200\n"), output);
        return json(output.substring("HTTP 200\n".length())).getString("status");
    }

    /** {@code java -jar} of the sender's jar, as the README runs it; its error output joins its output. */
    private static Process sender(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ReceiverWar.property("capydb.it.sender.jar")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<Object> columns(String id, String... columns) {
        Map<String, Object> row = UsersTable.row(id);
        assertNotNull(row, id);
        return Arrays.stream(columns).map(row::get).toList();
    }

    /** The first line with {@code text} after the {@code earlier} ones the log held before. */
    private static String awaitLogLine(String text, int earlier) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            List<String> lines = ServerLog.linesContaining(text);
            if (lines.size() > earlier) {
                return lines.get(earlier);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line with " + text + " in the server log");
    }

    /** The receiver's check in the {@code kind} report, once the report answers {@code status} and the check passes {@code until}. */
    private JsonObject awaitCheck(String kind, int status, Predicate<JsonObject> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = health(kind);
            if (response.statusCode() == status && until.test(check(response))) {
                return check(response);
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("/health/" + kind + " never answered " + status + " as expected: "
                + response.statusCode() + " " + response.body());
    }

    private HttpResponse<String> health(String kind) {
        return Webhooks.get(ReceiverWar.healthUri(base, kind));
    }

    private static JsonObject check(HttpResponse<String> report) {
        return json(report.body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> CHECK.equals(check.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + CHECK + " check in " + report.body()));
    }

    /**
     * The sender is a program of its own (a JVM per event): what it sends does not depend on the server,
     * so its runs for every provider and event take place on WildFly only.
     */
    private static void assumeSenderRun() {
        assumeTrue(Server.current() == Server.WILDFLY, "the sender's runs for every event are WildFly's");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
