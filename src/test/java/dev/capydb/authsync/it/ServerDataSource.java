package dev.capydb.authsync.it;

import java.io.File;
import java.util.Arrays;
import java.util.Objects;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * A PostgreSQL datasource configured in WildFly as the README tells users to configure theirs:
 * connections validated when taken from the pool and evicted when PostgreSQL's driver reports them
 * broken, so the pool recovers by itself when the database comes back. (A {@code web.xml}
 * {@code <data-source>} cannot carry these settings on WildFly, and keeps dead connections.)
 * The driver is deployed beside the test archive, as users deploy theirs.
 */
abstract class ServerDataSource implements ServerSetupTask {

    private static final String DRIVER = "capydb-it-postgresql.jar";

    private final String name;

    ServerDataSource(String name) {
        this.name = name;
    }

    /** Where the datasource connects. */
    abstract String jdbcUrl();

    abstract int maxPoolSize();

    String jndiName() {
        return "java:jboss/datasources/" + name;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        File[] drivers = Objects.requireNonNull(new File(ReceiverWar.property("capydb.it.lib"))
                .listFiles((dir, file) -> file.startsWith("postgresql-") && file.endsWith(".jar")));
        ModelNode deploy = operation("add", "deployment", DRIVER);
        deploy.get("content").add().get("url").set(Arrays.stream(drivers).findFirst().orElseThrow().toURI().toString());
        deploy.get("enabled").set(true);
        executeOperation(client, deploy);

        ModelNode add = dataSourceOperation("add");
        add.get("jndi-name").set(jndiName());
        add.get("driver-name").set(DRIVER);
        add.get("connection-url").set(jdbcUrl());
        add.get("user-name").set(TestDatabase.user());
        add.get("max-pool-size").set(maxPoolSize());
        add.get("validate-on-match").set(true);
        add.get("background-validation").set(false);
        add.get("valid-connection-checker-class-name")
                .set("org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker");
        add.get("exception-sorter-class-name")
                .set("org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLExceptionSorter");
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
