package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.WebhookSignatures;
import dev.capydb.authsync.it.war.definition.AnnotatedConfiguration;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The three ways to configure the receiver and their order: an application configured by
 * {@code @AuthSyncDefinition} alone, its values overridden by an environment variable, by
 * {@code web.xml} context parameters and, above those, by {@code microprofile-config.properties}.
 * {@link RefusedConfigurationIT} has the definitions that fail the deployment.
 */
@ServerTest
@Tag("deployment")
class ConfigurationIT {

    /** Set by the build for the servers, read there by the definition's expressions. */
    private static final String DEFINED_SECRET = System.getenv("CAPYDB_IT_DEFINITION_SECRET");
    private static final String DEFINED_BANATA_SECRET = System.getenv("CAPYDB_IT_DEFINITION_BANATA_SECRET");
    private static final String DEFINED_AUTH0_SECRET = System.getenv("CAPYDB_IT_DEFINITION_AUTH0_SECRET");
    /** The environment's {@code capydb.auth.auth0.secret}, which every deployment of the suite receives. */
    private static final String ENVIRONMENT_AUTH0_SECRET = System.getenv("CAPYDB_AUTH_AUTH0_SECRET");

    private static final String DESCRIPTOR_SECRET = "it-descriptor-better-auth-secret";
    private static final String DESCRIPTOR_BANATA_SECRET = "whsec_it-descriptor-banata-secret";
    private static final String CONFIG_BANATA_SECRET = "whsec_it-config-banata-secret";

    @Deployment(name = "annotated", testable = false)
    @TargetsContainer("node1")
    static WebArchive annotated() {
        return ReceiverWar.unconfigured("annotated-it", TestDatabase.jdbcUrl(), "").addClass(AnnotatedConfiguration.class);
    }

    /** The same definition, with context parameters and a settings file over it. */
    @Deployment(name = "overridden", testable = false)
    @TargetsContainer("node2")
    static WebArchive overridden() {
        String contextParams = ReceiverWar.contextParams(Map.of(
                "capydb.auth.path", "/descriptor/*",
                "capydb.auth.better-auth.secret", DESCRIPTOR_SECRET,
                "capydb.auth.banata.secret", DESCRIPTOR_BANATA_SECRET));
        return ReceiverWar.unconfigured("overridden-it", TestDatabase.jdbcUrl(), contextParams)
                .addClass(AnnotatedConfiguration.class)
                .addAsResource(new StringAsset("capydb.auth.banata.secret=" + CONFIG_BANATA_SECRET + "\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Test
    void anApplicationConfiguredByTheAnnotationAloneReceivesAndMirrors(@ArquillianResource
            @OperateOnDeployment("annotated") URL base) {
        String id = "usr_" + UUID.randomUUID();
        HttpResponse<String> response = betterAuth(base, "annotated", DEFINED_SECRET, id);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("mirrored", json(response.body()).getString("status"));
        assertEquals("ada@example.com", UsersTable.row(id).get("email"), "written to the definition's datasource");
        assertTrue(Observed.lines(base).contains("UserCreated better-auth " + id + " committed"));
        assertEquals(404, betterAuth(base, "capydb-auth/webhooks", DEFINED_SECRET, "usr_" + UUID.randomUUID())
                .statusCode(), "the definition's path replaces the default one");
        HttpResponse<String> banata = banata(base, "annotated", DEFINED_BANATA_SECRET, "usr_" + UUID.randomUUID());
        assertEquals(200, banata.statusCode(), banata.body());
    }

    @Test
    void anExpressionsDefaultAppliesWhereItsNameIsUnset(@ArquillianResource @OperateOnDeployment("annotated") URL base) {
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"id\":\"big\",\"bio\":\"" + "x".repeat(4096) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Webhooks.deliver(uri(base, "annotated/better-auth"), body,
                WebhookSignatures.betterAuth(DEFINED_SECRET, body));
        assertEquals(413, response.statusCode(), "maxBodyBytes = ${capydb.it.definition.max-body-bytes:4096}");
    }

    @Test
    void theMetricsEndpointAndTheBackfillCallsStayUnderCapydbAuthWhereverThePathMoves(@ArquillianResource
            @OperateOnDeployment("annotated") URL base) {
        HttpResponse<String> metrics = Webhooks.get(uri(base, "capydb-auth/metrics"));
        assertEquals(200, metrics.statusCode(), "metricsOpen = \"true\"");
        assertTrue(metrics.body().contains("capydb_auth_deliveries_total"), metrics.body());
        BackfillCalls backfill = new BackfillCalls(base, System.getenv("CAPYDB_IT_DEFINITION_BACKFILL_SECRET"));
        assertEquals(401, backfill.call("GET", "executions/987654").statusCode());
        assertEquals("no_such_execution", backfill.authorized("GET", "executions/987654", 404).getString("error"),
                "backfillSecret = \"${CAPYDB_IT_DEFINITION_BACKFILL_SECRET}\"");
    }

    @Test
    void anEnvironmentVariableOverridesTheAnnotation(@ArquillianResource @OperateOnDeployment("annotated") URL base) {
        assertNotNull(ENVIRONMENT_AUTH0_SECRET);
        assertEquals(200, auth0(base, "annotated", ENVIRONMENT_AUTH0_SECRET).statusCode(),
                "CAPYDB_AUTH_AUTH0_SECRET is the secret");
        assertEquals(401, auth0(base, "annotated", DEFINED_AUTH0_SECRET).statusCode(),
                "the definition's secret is overridden");
    }

    @Test
    void contextParametersOverrideTheAnnotationAndTheSettingsFileOverridesBoth(@ArquillianResource
            @OperateOnDeployment("overridden") URL base) {
        String id = "usr_" + UUID.randomUUID();
        HttpResponse<String> byDescriptor = betterAuth(base, "descriptor", DESCRIPTOR_SECRET, id);
        assertEquals(200, byDescriptor.statusCode(), byDescriptor.body());
        assertNotNull(UsersTable.row(id), "the definition still names the datasource, which nothing overrides");
        assertTrue(Set.of(404, 405).contains(betterAuth(base, "annotated", DESCRIPTOR_SECRET, newId()).statusCode()),
                "the context parameter's path replaces the definition's: nothing answers there");
        assertEquals(401, betterAuth(base, "descriptor", DEFINED_SECRET, newId()).statusCode(),
                "the context parameter's secret replaces the definition's");

        assertEquals(200, banata(base, "descriptor", CONFIG_BANATA_SECRET, newId()).statusCode(),
                "microprofile-config.properties is over the context parameter");
        assertEquals(401, banata(base, "descriptor", DESCRIPTOR_BANATA_SECRET, newId()).statusCode());
        assertEquals(401, banata(base, "descriptor", DEFINED_BANATA_SECRET, newId()).statusCode());
    }

    private static HttpResponse<String> betterAuth(URL base, String path, String secret, String id) {
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\",\"email\":\"ada@example.com\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(uri(base, path + "/better-auth"), body, WebhookSignatures.betterAuth(secret, body));
    }

    private static HttpResponse<String> banata(URL base, String path, String secret, String id) {
        byte[] body = ("{\"event\":\"user.created\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"id\":\"" + id
                + "\"}}").getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(uri(base, path + "/banata"), body,
                WebhookSignatures.banata(secret, body, "msg_" + id, Instant.now()));
    }

    private static HttpResponse<String> auth0(URL base, String path, String secret) {
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"user_id\":\"" + newId() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(uri(base, path + "/auth0"), body, WebhookSignatures.auth0(secret));
    }

    private static String newId() {
        return "usr_" + UUID.randomUUID();
    }

    private static URI uri(URL base, String path) {
        return Webhooks.resolve(base, path);
    }
}
