package dev.capydb.authsync.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of this test run only: created before the first integration test class, dropped
 * when the run ends, so no run depends on what an earlier one left behind. PostgreSQL unless
 * {@code capydb.it.database} is {@code mariadb}; server and user from
 * {@code capydb.it.<database>.host}, {@code .port} and {@code .user}. Where nothing answers there on
 * this machine, the run starts a server of its own from Maven Central ({@link EmbeddedServer}), and
 * where none can be had, the run is skipped ({@link Prerequisites}). Register it before Arquillian, so
 * deployments can point at it.
 *
 * <p>On PostgreSQL the run's database is a new one holding the schema {@code capydb_auth}. On
 * MariaDB a schema is a database: the run's database (the connections' default, as an
 * application's own is) has {@code capydb_auth} beside it, which is shared by the whole server.
 * So the run holds a server lock for its duration, and drops a {@code capydb_auth} that an
 * aborted run left behind (it carries this class's comment), but never another one.
 */
public final class TestDatabase implements BeforeAllCallback {

    /** The databases the suite runs on. */
    enum Kind {
        POSTGRESQL("postgresql", "5432", "postgres"),
        MARIADB("mariadb", "3306", "root");

        final String host;
        final String port;
        final String user;

        Kind(String name, String port, String user) {
            this.host = System.getProperty("capydb.it." + name + ".host", "127.0.0.1");
            this.port = System.getProperty("capydb.it." + name + ".port", port);
            this.user = System.getProperty("capydb.it." + name + ".user", user);
        }
    }

    static final Kind KIND = "mariadb".equals(System.getProperty("capydb.it.database")) ? Kind.MARIADB
            : Kind.POSTGRESQL;

    private static final String MARIADB_MIRROR = "capydb_auth";
    private static final String MARIADB_COMMENT = "capydb-auth-sync integration test run";
    private static volatile String name;
    /** The empty databases tests asked for, dropped with the run's. */
    private static final List<String> EMPTY_DATABASES = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Run.class, key -> create(), Run.class);
    }

    /**
     * The run's database, dropped when JUnit closes the root store at the end of the run, and the
     * server the run started for it, if it did, stopped then.
     */
    private record Run(Connection lockHolder, EmbeddedServer server) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws Exception {
            try (AutoCloseable stopped = server == null ? () -> { } : server) {
                if (lockHolder == null) {
                    EMPTY_DATABASES.forEach(database -> admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
                    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    return;
                }
                try (lockHolder; Statement statement = lockHolder.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + MARIADB_MIRROR);
                    statement.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        }
    }

    private static Run create() {
        EmbeddedServer server = serverOfItsOwn();
        if (KIND == Kind.MARIADB) {
            return new Run(createOnMariaDb(), server);
        }
        String database = newName();
        admin("CREATE DATABASE " + database);
        name = database;
        return new Run(null, server);
    }

    /**
     * A server of the run's own where none answers at the database's address on this machine;
     * {@code null} where one answers. Skips (or in CI fails) the run where none can be had.
     */
    private static EmbeddedServer serverOfItsOwn() {
        String where = KIND.host + ":" + KIND.port;
        if (EmbeddedServer.answers(KIND.host, port())) {
            return null;
        }
        String database = KIND == Kind.MARIADB ? "MariaDB" : "PostgreSQL";
        if (!List.of("127.0.0.1", "localhost", "::1").contains(KIND.host)) {
            Prerequisites.missing("no " + database + " answers at " + where);
        }
        try {
            return KIND == Kind.MARIADB ? EmbeddedServer.mariaDb(port()) : EmbeddedServer.postgreSql(port());
        } catch (Exception e) {
            Prerequisites.missing("no " + database + " answers at " + where + ", and none could be started from"
                    + " Maven Central's binaries on this machine (" + e + "); start one there, or point the tests at one"
                    + " with -Dcapydb.it." + KIND.name().toLowerCase(Locale.ROOT) + ".host=… (.port, .user)");
            throw new IllegalStateException(e); // not reached: missing() skips or fails
        }
    }

    private static String newName() {
        return "capydb_it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** MariaDB: the connection that holds the run's lock is the run's. */
    private static Connection createOnMariaDb() {
        try {
            Connection connection = DriverManager.getConnection(url(""), KIND.user, null);
            try (Statement statement = connection.createStatement()) {
                try (ResultSet lock = statement.executeQuery("SELECT GET_LOCK('capydb_auth_it', 0)")) {
                    lock.next();
                    if (lock.getInt(1) != 1) {
                        throw new IllegalStateException("Another test run uses capydb_auth on MariaDB at "
                                + KIND.host + ":" + KIND.port);
                    }
                }
                try (PreparedStatement existing = connection.prepareStatement(
                        "SELECT schema_comment FROM information_schema.schemata WHERE schema_name = ?")) {
                    existing.setString(1, MARIADB_MIRROR);
                    try (ResultSet comment = existing.executeQuery()) {
                        if (comment.next()) {
                            if (!MARIADB_COMMENT.equals(comment.getString(1))) {
                                throw new IllegalStateException("MariaDB at " + KIND.host + ":" + KIND.port
                                        + " has a capydb_auth database that no test run made; the tests need"
                                        + " the name for their own (drop it, or run them on another server)");
                            }
                            statement.execute("DROP DATABASE " + MARIADB_MIRROR);
                        }
                    }
                }
                statement.execute("CREATE DATABASE " + MARIADB_MIRROR + " COMMENT '" + MARIADB_COMMENT + "'");
                String database = newName();
                statement.execute("CREATE DATABASE " + database + " COMMENT '" + MARIADB_COMMENT + "'");
                name = database;
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + KIND.host + ":" + KIND.port + " refused the test databases",
                    e);
        }
    }

    /**
     * The URL of a new, empty PostgreSQL database of its own, dropped when the run ends: for a test of
     * what a deployment leaves in a database (the run's own holds {@code capydb_auth} from the start).
     */
    static String emptyDatabaseUrl() {
        if (KIND != Kind.POSTGRESQL) {
            throw new IllegalStateException("Empty databases of their own are made on PostgreSQL only");
        }
        name(); // the run has begun, so its end drops this one too
        String database = newName();
        admin("CREATE DATABASE " + database);
        EMPTY_DATABASES.add(database);
        return url(KIND.host, port(), database);
    }

    /** Whether the database at {@code jdbcUrl} has a schema named {@code capydb_auth}. */
    static boolean hasMirrorSchema(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, KIND.user, null);
                Statement statement = connection.createStatement();
                ResultSet schemas = statement.executeQuery(
                        "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'capydb_auth'")) {
            return schemas.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jdbcUrl() {
        return url(KIND.host, port(), name());
    }

    private static String name() {
        if (name == null) {
            throw new IllegalStateException(
                    "annotate the test @ServerTest (or @ExtendWith(TestDatabase.class) before Arquillian's extension)");
        }
        return name;
    }

    /**
     * The test database reached through another port of loopback, e.g. a {@link TcpProxy}'s, with
     * timeouts of seconds, so that a cut connection shows within a test.
     */
    public static String jdbcUrlVia(int port) {
        return url("127.0.0.1", port, name()) + (KIND == Kind.MARIADB ? "&connectTimeout=5000&socketTimeout=30000"
                : "?connectTimeout=5&socketTimeout=30");
    }

    static boolean onMariaDb() {
        return KIND == Kind.MARIADB;
    }

    static String host() {
        return KIND.host;
    }

    static int port() {
        return Integer.parseInt(KIND.port);
    }

    public static String user() {
        return KIND.user;
    }

    public static Connection connect() throws SQLException {
        return connect(jdbcUrl());
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, KIND.user, null);
    }

    private static String url(String database) {
        return url(KIND.host, port(), database);
    }

    /** MariaDB's URLs count changed rows, as the receiver requires (README: "Databases"). */
    private static String url(String host, int port, String database) {
        return KIND == Kind.MARIADB ? "jdbc:mariadb://" + host + ":" + port + "/" + database + "?useAffectedRows=true"
                : "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), KIND.user, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + KIND.host + ":" + KIND.port + " refused: " + sql, e);
        }
    }
}
