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
        for (String option : new String[] {"--provider", "--event", "--secret", "--url", "--id", "--email", "--name", "--curl", "--help"}) {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(option), option);
        }
    }

    @Test
    void wrongOptionsExitWithTwoAndSayWhy() {
        assertEquals(2, run(Map.of(), "--provider", "okta"));
        assertEquals(2, run(Map.of(), "--provider", "banata", "--secret", "s", "--event", "user.banned"));
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
    void theCurlCommandQuotesWhatTheShellWouldReadOtherwise() {
        String command = SendTestEvent.curl(URI.create("http://localhost:8080/x"), Map.of("H", "v"),
                "{\"name\":\"Miles O'Brien $HOME\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("curl -i 'http://localhost:8080/x' \\\n  -H 'Content-Type: application/json' \\\n  -H 'H: v' \\\n"
                + "  --data-binary '{\"name\":\"Miles O'\\''Brien $HOME\"}'", command);
    }
}
