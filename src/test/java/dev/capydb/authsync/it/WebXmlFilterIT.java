package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.capydb.authsync.WebhookSignatures;
import dev.capydb.authsync.it.war.HostFilter;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The signature filter in the application's own {@code web.xml}: declared with
 * {@code AuthSyncFilter} and mapped by the application, the receiver answers on that mapping only,
 * also behind a filter of the application that is not {@code async-supported}; declared under the
 * library's name with another class, the deployment fails saying how to declare it.
 */
@ServerTest
@Tag("deployment")
class WebXmlFilterIT {

    private static final String SECRET = "it-web-xml-filter-secret";
    private static final Map<String, String> SETTINGS = Map.of("capydb.auth.better-auth.secret", SECRET);

    @Deployment(name = "own-mapping", testable = false)
    @TargetsContainer("node2")
    static WebArchive ownMapping() {
        Map<String, String> settings = Map.of("capydb.auth.better-auth.secret", SECRET, "capydb.auth.stall-seconds", "2");
        return ReceiverWar.onWebXmlDataSource("own-mapping-it", settings, TestDatabase.jdbcUrl(), 10, Map.of(), """
                    <filter>
                        <filter-name>host-filter</filter-name>
                        <filter-class>dev.capydb.authsync.it.war.HostFilter</filter-class>
                    </filter>
                    <filter-mapping>
                        <filter-name>host-filter</filter-name>
                        <url-pattern>/own/*</url-pattern>
                    </filter-mapping>
                    <filter>
                        <filter-name>capydb-auth-webhook-signature</filter-name>
                        <filter-class>dev.capydb.authsync.AuthSyncFilter</filter-class>
                        <async-supported>true</async-supported>
                    </filter>
                    <filter-mapping>
                        <filter-name>capydb-auth-webhook-signature</filter-name>
                        <url-pattern>/own/*</url-pattern>
                    </filter-mapping>
                """);
    }

    /** On the first node, whose log the test reads. */
    @Deployment(name = "filter-clash-it", managed = false, testable = false)
    @TargetsContainer("node1")
    static WebArchive clash() {
        return ReceiverWar.onWebXmlDataSource("filter-clash-it", SETTINGS, TestDatabase.jdbcUrl(), 10, Map.of(), """
                    <filter>
                        <filter-name>capydb-auth-webhook-signature</filter-name>
                        <filter-class>dev.capydb.authsync.internal.verification.WebhookSignatureFilter</filter-class>
                    </filter>
                """);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void theApplicationsMappingOfTheFilterIsWhereTheReceiverAnswers(@ArquillianResource
            @OperateOnDeployment("own-mapping") URL base) {
        String id = "usr_" + UUID.randomUUID();
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\"}}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = Webhooks.deliver(Webhooks.resolve(base, "own/better-auth"), body,
                WebhookSignatures.betterAuth(SECRET, body));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("mirrored", json(response.body()).getString("status"));
        assertEquals("passed", response.headers().firstValue(HostFilter.HEADER).orElse(null),
                "the application's filter, which cannot be suspended, passed the delivery");
        assertNotNull(UsersTable.row(id));
        String other = "usr_" + UUID.randomUUID();
        byte[] elsewhere = ("{\"event\":\"user.created\",\"user\":{\"id\":\"" + other + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertEquals(404, Webhooks.deliver(base, "better-auth", elsewhere, WebhookSignatures.betterAuth(SECRET, elsewhere))
                .statusCode(), "the library's own mapping is not added");
    }

    /**
     * Where the request cannot be suspended its thread waits, as long as a suspended one: a delivery
     * behind a stuck batch is answered 503 after {@code capydb.auth.stall-seconds}, and not written.
     */
    @Test
    void behindTheApplicationsFilterADeliveryBehindAStuckBatchIsAnswered503AndLeftUnwritten(@ArquillianResource
            @OperateOnDeployment("own-mapping") URL base) throws Exception {
        URI receiver = Webhooks.resolve(base, "own/better-auth");
        String stalling = "stall-" + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> stalled = CompletableFuture.supplyAsync(() -> created(receiver, stalling));
        String id = "usr_" + UUID.randomUUID();
        HttpResponse<String> answered;
        try {
            // Committed before its observer runs: from then on the observer holds the write path.
            for (int i = 0; i < 100 && UsersTable.row(stalling) == null; i++) {
                Thread.sleep(100);
            }
            assertNotNull(UsersTable.row(stalling));
            answered = created(receiver, id);
        } finally {
            Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base, "app/support/release-stalled"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
        assertEquals(503, answered.statusCode(), answered.body());
        assertEquals("30", answered.headers().firstValue("Retry-After").orElse(null));
        assertEquals(200, stalled.get().statusCode());
        assertNull(UsersTable.row(id), "the delivery answered 503 was not written");
        assertEquals("mirrored", json(created(receiver, id).body()).getString("status"), "the retry is not a duplicate");
    }

    private static HttpResponse<String> created(URI receiver, String id) {
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\"}}").getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(receiver, body, WebhookSignatures.betterAuth(SECRET, body));
    }

    @Test
    void aDeclarationWithAnotherClassFailsTheDeploymentSayingHowToDeclareIt() {
        RefusedDeployment.assertRefused(deployer, "filter-clash-it",
                "declare it with <filter-class>dev.capydb.authsync.AuthSyncFilter</filter-class>");
    }
}
