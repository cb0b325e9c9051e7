package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import db.callback.ApplicationFlywayCallback;
import dev.capydb.authsync.WebhookSignatures;
import dev.capydb.authsync.it.war.flyway.ApplicationFlyway;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An application with a Flyway callback of its own where Flyway looks for one by default
 * ({@code db/callback}), which fails any migration it runs for: the library migrates an empty
 * database without it, and receives, while a Flyway of the application's own finds it.
 */
@ServerTest
@Tag("deployment")
@Tag("migrations")
class OwnMigrationsIT {

    private static final String SECRET = "it-own-migrations-secret";
    /** The deployment's database, empty until the library migrates it. */
    private static String database;

    @Deployment(testable = false)
    static WebArchive deployment() {
        database = TestDatabase.emptyDatabaseUrl();
        return ReceiverWar.onWebXmlDataSource("own-migrations-it", Map.of("capydb.auth.better-auth.secret", SECRET),
                        database, 10, Map.of())
                .addClasses(ApplicationFlywayCallback.class, ApplicationFlyway.class)
                // Where Open Liberty resolves no folder, as Flyway documents for WebSphere's class loaders.
                .addAsResource(EmptyAsset.INSTANCE, "db/callback/flyway.location");
    }

    @ArquillianResource
    URL base;

    @Test
    void theLibraryMigratesWithoutTheApplicationsCallback() {
        assertEquals(ApplicationFlywayCallback.class.getName(),
                Webhooks.get(Webhooks.resolve(base, "app/flyway/callbacks")).body(),
                "a Flyway of the application's own runs its callback");

        List<Map<String, Object>> migrations = UsersTable.queryOn(database,
                "SELECT success FROM capydb_auth.flyway_schema_history WHERE version IS NOT NULL");
        assertFalse(migrations.isEmpty(), "the library migrated the empty database");
        migrations.forEach(migration -> assertEquals(true, migration.get("success")));

        String id = "usr_" + UUID.randomUUID();
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\",\"email\":\"own@example.com\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200, Webhooks.deliver(base, "better-auth", body, WebhookSignatures.betterAuth(SECRET, body))
                .statusCode());
        assertEquals(List.of(Map.of("email", "own@example.com")),
                UsersTable.queryOn(database, "SELECT email FROM capydb_auth.users WHERE id = ?", id));
    }
}
