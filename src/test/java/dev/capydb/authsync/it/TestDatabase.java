package dev.capydb.authsync.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database of this test run only: created before the first integration test class,
 * dropped when the run ends, so no run depends on what an earlier one left behind. Server and user
 * come from {@code capydb.it.pg.host}, {@code capydb.it.pg.port} and {@code capydb.it.pg.user}.
 * Register it before Arquillian, so deployments can point at it.
 */
public final class TestDatabase implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static final String HOST = System.getProperty("capydb.it.pg.host", "127.0.0.1");
    private static final String PORT = System.getProperty("capydb.it.pg.port", "5432");
    private static final String USER = System.getProperty("capydb.it.pg.user", "postgres");
    private static volatile String name;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestDatabase.class, key -> create(), TestDatabase.class);
    }

    private static TestDatabase create() {
        String database = "capydb_it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        admin("CREATE DATABASE " + database);
        name = database;
        return new TestDatabase();
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static String jdbcUrl() {
        return url(name());
    }

    private static String name() {
        if (name == null) {
            throw new IllegalStateException("@ExtendWith(TestDatabase.class) must come before Arquillian's extension");
        }
        return name;
    }

    /** The test database reached through another port of loopback, e.g. a {@link TcpProxy}'s. */
    public static String jdbcUrlVia(int port) {
        return url("127.0.0.1", port, name());
    }

    static String host() {
        return HOST;
    }

    static int port() {
        return Integer.parseInt(PORT);
    }

    public static String user() {
        return USER;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, null);
    }

    private static String url(String database) {
        return url(HOST, Integer.parseInt(PORT), database);
    }

    private static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " refused: " + sql, e);
        }
    }
}
