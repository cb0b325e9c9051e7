package dev.capydb.authsync.it;

import java.io.File;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A datasource on the test database configured as the README tells users to configure theirs: connections
 * validated when taken from the pool, so the pool recovers by itself when the database comes back.
 * On WildFly it is a server datasource added by this setup task (a {@code web.xml}
 * {@code <data-source>} cannot carry validation there, and keeps dead connections), with the driver
 * deployed beside the test archive as users deploy theirs. On the other servers, where this task does
 * not run, it is a {@code web.xml} {@code <data-source>}: on Payara with its validation properties; Open
 * Liberty discards the connections a database closed by itself, and GlassFish runs no test that
 * takes the database away.
 */
abstract class ServerDataSource implements ServerSetupTask {

    /** Payara's pool settings for a {@code <data-source>}: validate each connection taken from the pool. */
    private static final Map<String, String> PAYARA_VALIDATION = Map.of(
            "fish.payara.is-connection-validation-required", "true",
            "fish.payara.connection-validation-method", "custom-validation",
            "fish.payara.validation-classname", "org.glassfish.api.jdbc.validation."
                    + (TestDatabase.onMariaDb() ? "MySQLConnectionValidation" : "PostgresConnectionValidation"),
            "fish.payara.fail-all-connections", "true");

    private static final String DRIVER = "capydb-it-jdbc-driver.jar";

    private final String name;

    ServerDataSource(String name) {
        this.name = name;
    }

    /** Where the datasource connects. */
    abstract String jdbcUrl();

    abstract int maxPoolSize();

    /** The receiver deployed on this datasource, with {@code settings}. */
    WebArchive receiverWar(String warName, Map<String, String> settings) {
        return switch (Server.current()) {
            case WILDFLY -> ReceiverWar.onServerDataSource(warName, "java:jboss/datasources/" + name, settings);
            case PAYARA_MICRO, PAYARA_SERVER ->
                    ReceiverWar.onWebXmlDataSource(warName, settings, jdbcUrl(), maxPoolSize(), PAYARA_VALIDATION);
            case OPEN_LIBERTY, GLASSFISH -> ReceiverWar.onWebXmlDataSource(warName, settings, jdbcUrl(), maxPoolSize(), Map.of());
        };
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        String driver = TestDatabase.onMariaDb() ? "mariadb-java-client-" : "postgresql-";
        File[] drivers = Objects.requireNonNull(new File(ReceiverWar.property("capydb.it.lib"))
                .listFiles((dir, file) -> file.startsWith(driver) && file.endsWith(".jar")));
        ModelNode deploy = operation("add", "deployment", DRIVER);
        deploy.get("content").add().get("url").set(Arrays.stream(drivers).findFirst().orElseThrow().toURI().toString());
        deploy.get("enabled").set(true);
        executeOperation(client, deploy);

        ModelNode add = dataSourceOperation("add");
        add.get("jndi-name").set("java:jboss/datasources/" + name);
        add.get("driver-name").set(DRIVER);
        add.get("connection-url").set(jdbcUrl());
        add.get("user-name").set(TestDatabase.user());
        add.get("max-pool-size").set(maxPoolSize());
        add.get("validate-on-match").set(true);
        add.get("background-validation").set(false);
        String extensions = "org.jboss.jca.adapters.jdbc.extensions.";
        add.get("valid-connection-checker-class-name").set(extensions + (TestDatabase.onMariaDb()
                ? "mysql.MySQLValidConnectionChecker" : "postgres.PostgreSQLValidConnectionChecker"));
        add.get("exception-sorter-class-name").set(extensions + (TestDatabase.onMariaDb()
                ? "mysql.MySQLExceptionSorter" : "postgres.PostgreSQLExceptionSorter"));
        executeOperation(client, add);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ModelNode remove = dataSourceOperation("remove");
        remove.get("operation-headers").get("allow-resource-service-restart").set(true);
        executeOperation(client, remove);
        executeOperation(client, operation("remove", "deployment", DRIVER));
    }

    private ModelNode dataSourceOperation(String operation) {
        ModelNode node = operation(operation, "subsystem", "datasources");
        node.get("address").add("data-source", name);
        return node;
    }

    private static ModelNode operation(String operation, String type, String value) {
        ModelNode node = new ModelNode();
        node.get("operation").set(operation);
        node.get("address").add(type, value);
        return node;
    }
}
