package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.WebhookSignatures;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The library left out of an application that has it in {@code WEB-INF/lib}: switched off by
 * {@code capydb.auth.enabled=false}, and excluded by an {@code <absolute-ordering>} of {@code web.xml}.
 * Either way the receiver's paths answer 404 and nothing reaches the database: each
 * deployment has an empty database of its own, which must still lack the {@code capydb_auth}
 * schema afterwards.
 */
@ServerTest
@Tag("deployment")
class OffSwitchIT {

    private static final String SECRET = "it-off-switch-secret";
    private static final String ADMIN = "it-off-switch-admin";
    /** The deployments' databases, made when their archives are: the run's database exists by then. */
    private static String switchedOffDatabase;
    private static String orderedOutDatabase;

    @Deployment(name = "switched-off", testable = false)
    @TargetsContainer("node1")
    static WebArchive switchedOff() {
        switchedOffDatabase = TestDatabase.emptyDatabaseUrl();
        return ReceiverWar.onWebXmlDataSource("switched-off-it", Map.of(
                "capydb.auth.enabled", "false",
                "capydb.auth.better-auth.secret", SECRET,
                "capydb.auth.metrics.open", "true",
                "capydb.auth.backfill.secret", ADMIN), switchedOffDatabase, 10, Map.of(), """
                    <filter>
                        <filter-name>capydb-auth-webhook-signature</filter-name>
                        <filter-class>dev.capydb.authsync.AuthSyncFilter</filter-class>
                    </filter>
                    <filter-mapping>
                        <filter-name>capydb-auth-webhook-signature</filter-name>
                        <url-pattern>/own/*</url-pattern>
                    </filter-mapping>
                """);
    }

    /** The README's way to exclude the library: an absolute ordering that does not name it. */
    @Deployment(name = "ordered-out", testable = false)
    @TargetsContainer("node2")
    static WebArchive orderedOut() {
        orderedOutDatabase = TestDatabase.emptyDatabaseUrl();
        return ReceiverWar.onWebXmlDataSource("ordered-out-it", Map.of("capydb.auth.better-auth.secret", SECRET),
                orderedOutDatabase, 10, Map.of(), "    <absolute-ordering/>\n");
    }

    @Test
    void switchedOffItAnswers404EverywhereAndLeavesTheDatabaseAlone(@ArquillianResource
            @OperateOnDeployment("switched-off") URL base) {
        assertEquals(404, signedDelivery(base, "capydb-auth/webhooks").statusCode());
        assertEquals(404, signedDelivery(base, "own").statusCode(), "the application's declaration of the filter");
        assertEquals(404, Webhooks.get(Webhooks.resolve(base, "capydb-auth/metrics")).statusCode());
        // No servlet: what the server answers for a POST to a path nobody serves (WildFly's default servlet: 405).
        assertTrue(Set.of(404, 405).contains(Webhooks.send(HttpRequest.newBuilder(
                        Webhooks.resolve(base, "capydb-auth/backfill/better-auth")).POST(HttpRequest.BodyPublishers.noBody()),
                "Authorization", "Bearer " + ADMIN).statusCode()));
        assertFalse(TestDatabase.hasMirrorSchema(switchedOffDatabase), "no migration ran");
        HttpResponse<String> backfill = Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base,
                "app/support/backfill/clerk")).POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(backfill.body().startsWith("refused: capydb-auth-sync is switched off"), backfill.body());
        assertFalse(ServerLog.linesContaining("capydb-auth-sync is switched off (capydb.auth.enabled=false) in "
                + base.getPath().replaceAll("/$", "") + "/").isEmpty(), "one INFO line says so");
    }

    @Test
    void switchedOffItLeavesTheApplicationReady(@ArquillianResource @OperateOnDeployment("switched-off") URL base) {
        HttpResponse<String> ready = Webhooks.get(ReceiverWar.healthUri(base, "ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject check = json(ready.body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "capydb-auth-sync".equals(c.getString("name"))).findFirst().orElseThrow();
        assertEquals("off", check.getJsonObject("data").getString("receiver"), ready.body());
    }

    @Test
    void leftOutByAbsoluteOrderingItAnswers404AndLeavesTheDatabaseAlone(@ArquillianResource
            @OperateOnDeployment("ordered-out") URL base) {
        assertEquals(404, signedDelivery(base, "capydb-auth/webhooks").statusCode());
        assertFalse(TestDatabase.hasMirrorSchema(orderedOutDatabase), "no migration ran");
        assertEquals(200, Webhooks.get(Webhooks.resolve(base, "app/support/observations")).statusCode(),
                "the application itself runs");
    }

    private static HttpResponse<String> signedDelivery(URL base, String path) {
        byte[] body = "{\"event\":\"user.created\",\"user\":{\"id\":\"usr_off\"}}".getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(Webhooks.resolve(base, path + "/better-auth"), body, WebhookSignatures.betterAuth(SECRET, body));
    }
}
