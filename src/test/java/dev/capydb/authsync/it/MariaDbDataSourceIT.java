package dev.capydb.authsync.it;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB datasource the receiver could not write exactly through fails the deployment, saying
 * what to change, rather than mirroring wrongly: one that counts found rows (a redelivery would look
 * new), one whose sessions are not in strict mode (a too long id would be cut). MariaDB run only.
 */
@ServerTest
@Tag("dialect")
@Tag("database")
@Tag("mariadb-only")
class MariaDbDataSourceIT {

    @Deployment(name = "found-rows-it", managed = false, testable = false)
    static WebArchive foundRows() {
        return on("found-rows-it", TestDatabase.jdbcUrl().replace("useAffectedRows=true", "useAffectedRows=false"));
    }

    @Deployment(name = "loose-mode-it", managed = false, testable = false)
    static WebArchive looseMode() {
        return on("loose-mode-it", TestDatabase.jdbcUrl() + "&sessionVariables=sql_mode=NO_ENGINE_SUBSTITUTION");
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aDataSourceThatCountsFoundRowsFailsTheDeployment() {
        RefusedDeployment.assertRefused(deployer, "found-rows-it", "add useAffectedRows=true to the JDBC URL");
    }

    @Test
    void aDataSourceOutsideStrictModeFailsTheDeployment() {
        RefusedDeployment.assertRefused(deployer, "loose-mode-it", "needs MariaDB's strict mode");
    }

    private static WebArchive on(String name, String jdbcUrl) {
        return ReceiverWar.onWebXmlDataSource(name, EventStream.SETTINGS, jdbcUrl, 2, Map.of());
    }
}
