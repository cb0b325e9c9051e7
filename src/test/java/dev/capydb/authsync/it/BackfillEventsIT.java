package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capydb.authsync.WebhookSignatures;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a backfill announces, on the run's database (PostgreSQL or MariaDB; DefaultDataSourceIT runs it on
 * the server's default one, H2): {@code UserCreated} for each user it inserts, {@code UserUpdated} for
 * each it changes, nothing for a user the mirror holds in a newer state. Twelve Clerk users: webhooks
 * brought four of them in an older state and two in a newer one before the backfill.
 */
@ServerTest
@Tag("backfill")
@Tag("observers")
@Tag("database")
class BackfillEventsIT {

    private static final String ADMIN = "backfill-events-it-admin";
    private static final String CLERK_SECRET = "whsec_YmFja2ZpbGwtZXZlbnRzLWl0LWNsZXJr";
    private static final String CLERK_KEY = "sk_test_backfill_events_it";
    private static final int USERS = 12;
    /** Ids of this run's own: a server's default database (H2 in a Payara Server domain) may outlive a run. */
    private static final LocalClerk CLERK = new LocalClerk(CLERK_KEY, USERS,
            "user_events_" + Long.toString(System.currentTimeMillis(), 36) + "_");
    static final Map<String, String> SETTINGS = Map.of(
            "capydb.auth.clerk.secret", CLERK_SECRET,
            "capydb.auth.backfill.secret", ADMIN,
            "capydb.auth.backfill.clerk.secret-key", CLERK_KEY,
            "capydb.auth.backfill.clerk.api-url", CLERK.url());

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ReceiverWar.onTestDatabase("backfill-events-it", SETTINGS);
    }

    @Test
    void onTheRunsDatabase(@ArquillianResource URL base) {
        assertBackfillAnnouncesInsertsAndChanges(base);
    }

    /** The backfill of {@link #SETTINGS} into the receiver at {@code base}, from webhooks to its last event. */
    static void assertBackfillAnnouncesInsertsAndChanges(URL base) {
        IntStream.range(0, 4).forEach(n -> assertEquals(200, clerkWebhook(base, n, LocalClerk.createdAt(n))));
        IntStream.range(4, 6).forEach(n -> assertEquals(200, clerkWebhook(base, n, LocalClerk.updatedAt(n).plusSeconds(3600))));

        BackfillCalls backfill = new BackfillCalls(base, ADMIN);
        JsonObject done = backfill.awaitEnd(backfill.start("clerk"), "COMPLETED");

        assertEquals(10, done.getJsonNumber("mirrored").longValue(), done.toString());
        assertEquals(2, done.getJsonNumber("unchanged").longValue(), done.toString());
        // Each change as <type> <id> <updatedAt>: the backfill's carry Clerk's updated_at.
        List<String> announced = Observed.changes(base).stream()
                .filter(change -> IntStream.range(0, USERS).anyMatch(n -> change.endsWith(" " + CLERK.id(n) + " "
                        + LocalClerk.updatedAt(n))))
                .sorted().toList();
        List<String> expected = IntStream.range(0, USERS)
                .filter(n -> n < 4 || n >= 6)
                .mapToObj(n -> (n < 4 ? "UserUpdated " : "UserCreated ") + CLERK.id(n) + " " + LocalClerk.updatedAt(n))
                .sorted().toList();
        assertEquals(expected, announced);
        assertEquals(List.of(), Observed.deliveries(base).stream().filter(d -> d.contains("backfill:")).toList(),
                "a backfill fires no WebhookReceived");
    }

    /** Clerk's webhook of user {@code n} as it was at {@code updatedAt}. */
    private static int clerkWebhook(URL base, int n, Instant updatedAt) {
        byte[] body = ("{\"type\":\"user.created\",\"object\":\"event\",\"timestamp\":" + updatedAt.toEpochMilli()
                + ",\"data\":{\"id\":\"" + CLERK.id(n) + "\",\"first_name\":\"Webhook\",\"email_addresses\":[],"
                + "\"created_at\":" + LocalClerk.createdAt(n).toEpochMilli() + ",\"updated_at\":"
                + updatedAt.toEpochMilli() + "}}").getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(base, "clerk", body,
                WebhookSignatures.svix(CLERK_SECRET, body, "msg_" + CLERK.id(n), Instant.now())).statusCode();
    }
}
