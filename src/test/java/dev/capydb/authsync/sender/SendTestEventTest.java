package dev.capydb.authsync.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendTestEventTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new SendTestEvent(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment::get).run(args);
    }

    @Test
    void helpNamesEveryOption() {
        assertEquals(0, run(Map.of(), "--help"));
        for (String option : new String[] {"--provider", "--event", "--secret", "--url", "--id", "--email", "--name", "--organization",
            "--organization-name", "--role", "--curl", "--help"}) {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(option), option);
        }
    }

    @Test
    void wrongOptionsExitWithTwoAndSayWhy() {
        assertEquals(2, run(Map.of(), "--provider", "okta"));
        assertEquals(2, run(Map.of(), "--provider", "banata", "--secret", "s", "--event", "user.banned"));
        assertEquals(2, run(Map.of(), "--provider", "auth0", "--secret", "s", "--event", "member.added"));
        assertEquals(2, run(Map.of(), "--provider", "clerk", "--secret", "whsec_Y2xlcms=", "--event", "member.added"));
        assertEquals(2, run(Map.of(), "--provider", "banata", "--colour"));
        assertEquals(2, run(Map.of(), "--provider"));
        assertEquals(2, run(Map.of(), "--provider", "clerk", "--secret", "not base64!"));
        assertEquals(2, run(Map.of(), "--provider", "better-auth"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("set CAPYDB_AUTH_BETTER_AUTH_SECRET"), err::toString);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSecretDefaultsToTheReceiversEnvironmentVariable() {
        assertEquals(0, run(Map.of("CAPYDB_AUTH_BETTER_AUTH_SECRET", "from-env"), "--provider", "better-auth", "--curl"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("X-Better-Auth-Signature: "), out::toString);
    }

    @Test
    void organizationAndMembershipEventsAreBuiltInEachProvidersShape() {
        assertEquals(0, run(Map.of(), "--provider", "banata", "--secret", "whsec_s", "--event", "member.role_updated",
                "--id", "usr_7", "--organization", "org_7", "--role", "owner", "--curl"));
        String banata = out.toString(StandardCharsets.UTF_8);
        assertTrue(banata.contains("\"event\":\"member.role_updated\""), banata);
        assertTrue(banata.contains("\"organizationId\":\"org_7\",\"userId\":\"usr_7\",\"role\":\"owner\""), banata);
        out.reset();
        assertEquals(0, run(Map.of(), "--provider", "clerk", "--secret", "whsec_Y2xlcms=", "--event",
                "organizationMembership.created", "--id", "usr_7", "--organization", "org_7", "--curl"));
        String clerk = out.toString(StandardCharsets.UTF_8);
        assertTrue(clerk.contains("\"role\":\"org:admin\""), clerk);
        assertTrue(clerk.contains("\"public_user_data\":{\"user_id\":\"usr_7\""), clerk);
        out.reset();
        assertEquals(0, run(Map.of(), "--provider", "better-auth", "--secret", "s", "--event", "organization.created",
                "--organization", "org_7", "--organization-name", "Analytical Engines Ltd", "--curl"));
        String betterAuth = out.toString(StandardCharsets.UTF_8);
        assertTrue(betterAuth.contains("\"organization\":{\"id\":\"org_7\",\"name\":\"Analytical Engines Ltd\","
                + "\"slug\":\"analytical-engines-ltd\""), betterAuth);
        assertTrue(betterAuth.contains("\"timestamp\":"), "ordered by its timestamp: " + betterAuth);
    }

    @Test
    void theCurlCommandQuotesWhatTheShellWouldReadOtherwise() {
        String command = SendTestEvent.curl(URI.create("http://localhost:8080/x"), Map.of("H", "v"),
                "{\"name\":\"Miles O'Brien $HOME\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("curl -i 'http://localhost:8080/x' \\\n  -H 'Content-Type: application/json' \\\n  -H 'H: v' \\\n"
                + "  --data-binary '{\"name\":\"Miles O'\\''Brien $HOME\"}'", command);
    }
}
