package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Better Auth user table under other names, as an adapter that maps them (Prisma, Drizzle) may
 * create it: snake_case columns in a table {@code auth_user}, without the username plugin's
 * columns. Every name comes from a setting; the rows are mirrored as with Better Auth's own.
 */
@ServerTest
@Tag("backfill")
class BackfillColumnsIT {

    private static final String ADMIN = "backfill-columns-it-admin";
    private static final String SCHEMA = "backfill_columns_it";

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("capydb.auth.backfill.secret", ADMIN);
        settings.put("capydb.auth.backfill.better-auth.schema", SCHEMA);
        settings.put("capydb.auth.backfill.better-auth.table", "auth_user");
        settings.put("capydb.auth.backfill.better-auth.column.id", "user_id");
        settings.put("capydb.auth.backfill.better-auth.column.name", "full_name");
        settings.put("capydb.auth.backfill.better-auth.column.email", "email_address");
        settings.put("capydb.auth.backfill.better-auth.column.emailVerified", "email_verified");
        settings.put("capydb.auth.backfill.better-auth.column.image", "avatar");
        settings.put("capydb.auth.backfill.better-auth.column.createdAt", "created_at");
        settings.put("capydb.auth.backfill.better-auth.column.updatedAt", "updated_at");
        return ReceiverWar.onTestDatabase("backfill-columns-it", settings);
    }

    @ArquillianResource
    URL base;

    @Test
    void everyNameComesFromItsSetting() {
        UsersTable.execute("CREATE SCHEMA " + SCHEMA);
        UsersTable.execute("CREATE TABLE " + SCHEMA + ".auth_user (user_id text PRIMARY KEY, full_name text NOT NULL, "
                + "email_address text NOT NULL, email_verified boolean NOT NULL, avatar text, "
                + "created_at timestamp NOT NULL, updated_at timestamp NOT NULL)");
        UsersTable.execute("INSERT INTO " + SCHEMA + ".auth_user SELECT 'cols-' || n, 'Katherine Johnson ' || n, "
                + "'kj' || n || '@example.com', true, 'https://img.example/kj.png', "
                + "timestamp '2024-02-01 10:00:00' + n * interval '1 minute', timestamp '2024-03-01 10:00:00' "
                + "FROM generate_series(1, 1200) n");

        BackfillCalls backfill = new BackfillCalls(base, ADMIN);
        JsonObject progress = backfill.awaitEnd(backfill.start("better-auth"), "COMPLETED");
        assertEquals(1200, progress.getJsonNumber("mirrored").longValue());

        Map<String, Object> row = UsersTable.row("cols-7");
        assertEquals("kj7@example.com", row.get("email"));
        assertEquals("Katherine", row.get("first_name"));
        assertEquals("Johnson 7", row.get("last_name"));
        assertEquals("https://img.example/kj.png", row.get("image_url"));
        // A column without zone is read as UTC, as Better Auth writes its dates.
        assertEquals(Instant.parse("2024-02-01T10:07:00Z"), row.get("created_at"));
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), row.get("updated_at"));
        assertEquals(true, UsersTable.query("SELECT (raw ->> 'emailVerified')::boolean AS v FROM capydb_auth.users "
                + "WHERE id = 'cols-7'").get("v"), "raw holds Better Auth's field names, whatever the columns are called");
    }
}
