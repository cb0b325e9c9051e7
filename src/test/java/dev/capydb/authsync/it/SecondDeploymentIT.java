package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two applications deployed one after the other on one database, as after a redeploy or on a
 * second node: the second finds the schema in place, deploys, and both write to the same table.
 */
@ServerTest
@Tag("deployment")
class SecondDeploymentIT {

    private static final String SECRET = "it-second-deployment-secret";

    @Deployment(name = "first", order = 1, testable = false)
    static WebArchive first() {
        return ReceiverWar.onTestDatabase("first-deployment-it", Map.of("capydb.auth.better-auth.secret", SECRET));
    }

    @Deployment(name = "second", order = 2, testable = false)
    static WebArchive second() {
        return ReceiverWar.onTestDatabase("second-deployment-it", Map.of("capydb.auth.better-auth.secret", SECRET));
    }

    @Test
    void bothDeploymentsMirrorIntoTheOneSchemaMigratedOnce(@ArquillianResource @OperateOnDeployment("first") URL first,
            @ArquillianResource @OperateOnDeployment("second") URL second) throws SQLException {
        String viaFirst = "usr_" + UUID.randomUUID();
        String viaSecond = "usr_" + UUID.randomUUID();

        assertEquals(200, create(first, viaFirst));
        assertEquals(200, create(second, viaSecond));

        assertNotNull(UsersTable.row(viaFirst));
        assertNotNull(UsersTable.row(viaSecond));
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FROM capydb_auth.flyway_schema_history WHERE success AND version = '1'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the second deployment reused the schema instead of migrating again");
        }
    }

    private static int create(URL base, String id) {
        byte[] body = ("{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\"}}").getBytes(StandardCharsets.UTF_8);
        return Webhooks.post(Webhooks.resolve(base, "capydb-auth/webhooks/better-auth"), body,
                "Content-Type", "application/json", "X-Better-Auth-Signature", Webhooks.hmacSha256Hex(SECRET, body))
                .statusCode();
    }
}
