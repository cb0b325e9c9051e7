package dev.capydb.authsync.internal.mirroring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import db.callback.ApplicationFlywayCallback;
import java.io.IOException;
import java.net.URL;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The library's migrations meet nothing of the application's: this class path holds a Flyway callback
 * in {@code db/callback} that fails every migration it runs for, as an application's own could.
 */
class SchemaMigrationsTest {

    @Test
    void theLibraryMigratesWithoutTheApplicationsCallback() throws SQLException {
        assertEquals(List.of(ApplicationFlywayCallback.class),
                Arrays.stream(Flyway.configure(getClass().getClassLoader()).load().getConfiguration().getCallbacks())
                        .map(Object::getClass).toList(), "a Flyway of the application's own runs it");
        try (H2Mirror h2 = new H2Mirror()) {
            List<Map<String, Object>> migrations = h2.query(
                    "SELECT \"success\" FROM capydb_auth.\"flyway_schema_history\" WHERE \"version\" IS NOT NULL");
            assertEquals(5, migrations.size());
            migrations.forEach(migration -> assertEquals(true, migration.get("success")));
        }
    }

    @Test
    void aFolderIsFoundByItsMarkerWhereTheServerResolvesNoFolder() throws IOException {
        // As Open Liberty's class loader: files are found, folders inside a JAR are not.
        ClassLoader filesOnly = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.contains(".") ? super.getResources(name) : Collections.emptyEnumeration();
            }
        };
        MigrationClassLoader loader = new MigrationClassLoader(filesOnly);
        List<URL> folders = Collections.list(loader.getResources("db/capydb-auth/h2"));
        assertEquals(1, folders.size());
        assertTrue(folders.get(0).toExternalForm().endsWith("/db/capydb-auth/h2"), folders.toString());
        assertFalse(loader.getResources("db/callback").hasMoreElements());
        assertNull(loader.getResource("db/callback/ApplicationFlywayCallback.class"));
    }
}
