package dev.capydb.authsync.it;

import dev.capydb.authsync.it.war.Observations;
import java.io.File;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A host application as users build one: the library as a JAR in {@code WEB-INF/lib} with its
 * runtime dependencies, a PostgreSQL datasource of the test database declared in {@code web.xml},
 * settings in {@code microprofile-config.properties}, and an observer of the receiver's events.
 */
public final class ReceiverWar {

    public static final String DATASOURCE = "java:app/capydb/TestDS";

    private ReceiverWar() {
    }

    public static WebArchive create(String name, Map<String, String> settings) {
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "capydb-auth-sync.jar")
                .as(ExplodedImporter.class)
                .importDirectory(new File(property("capydb.it.classes")))
                .as(JavaArchive.class);
        File[] libraries = Objects.requireNonNull(new File(property("capydb.it.lib")).listFiles());
        String config = settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", Map.entry("capydb.auth.datasource", DATASOURCE) + "\n", "\n"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(library)
                .addAsLibraries(libraries)
                .addPackage(Observations.class.getPackage())
                .addAsWebInfResource(new StringAsset(webXml()), "web.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsResource(new StringAsset(persistenceXml()), "META-INF/persistence.xml");
    }

    private static String webXml() {
        return """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <data-source>
                        <name>%s</name>
                        <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                        <url>%s</url>
                        <user>%s</user>
                        <transactional>true</transactional>
                        <max-pool-size>40</max-pool-size>
                    </data-source>
                </web-app>
                """.formatted(DATASOURCE, TestDatabase.jdbcUrl(), TestDatabase.user());
    }

    /** The application's own persistence unit, which lists the library's read-only entity. */
    private static String persistenceXml() {
        return """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                    <persistence-unit name="app">
                        <jta-data-source>%s</jta-data-source>
                        <class>dev.capydb.authsync.AuthUser</class>
                        <exclude-unlisted-classes>true</exclude-unlisted-classes>
                    </persistence-unit>
                </persistence>
                """.formatted(DATASOURCE);
    }

    private static String property(String key) {
        return Objects.requireNonNull(System.getProperty(key), key + " is set by the failsafe configuration");
    }
}
