package dev.capydb.authsync.it;

import dev.capydb.authsync.it.war.Observations;
import java.io.File;
import java.net.URI;
import java.net.URL;
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
 * runtime dependencies, the application's own persistence unit listing the library's entity, and
 * an observer of the receiver's events.
 */
public final class ReceiverWar {

    public static final String DATASOURCE = "java:app/capydb/TestDS";

    private ReceiverWar() {
    }

    /**
     * Settings in {@code microprofile-config.properties}; the test database as a {@code <data-source>}
     * of {@code web.xml}, named by {@code capydb.auth.datasource}.
     */
    public static WebArchive onTestDatabase(String name, Map<String, String> settings) {
        return onWebXmlDataSource(name, settings, TestDatabase.jdbcUrl(), 40, Map.of());
    }

    /**
     * Settings in {@code microprofile-config.properties}; a {@code <data-source>} of {@code web.xml} at
     * {@code jdbcUrl} with the server's own pool {@code properties}, named by
     * {@code capydb.auth.datasource}. The user is in the URL: Payara refuses a {@code <user>} without
     * a password, and the test server trusts local connections (GlassFish also needs {@code <user>}).
     */
    static WebArchive onWebXmlDataSource(String name, Map<String, String> settings, String jdbcUrl, int maxPoolSize,
            Map<String, String> properties) {
        return onWebXmlDataSource(name, settings, jdbcUrl, maxPoolSize, properties, "");
    }

    /** As {@link #onWebXmlDataSource(String, Map, String, int, Map)}, with {@code webXml} added to {@code web.xml}. */
    static WebArchive onWebXmlDataSource(String name, Map<String, String> settings, String jdbcUrl, int maxPoolSize,
            Map<String, String> properties, String webXml) {
        return onServerDataSource(name, DATASOURCE, settings, dataSourceXml(jdbcUrl, maxPoolSize, properties) + webXml);
    }

    /**
     * No settings at all: the test adds them (a settings file, an annotated class, context parameters
     * in {@code webXml}). {@code jdbcUrl} is a {@code <data-source>} of {@code web.xml} at
     * {@link #DATASOURCE}, beside {@code webXml}, more elements of {@code web.xml}.
     */
    static WebArchive unconfigured(String name, String jdbcUrl, String webXml) {
        return base(name, dataSourceXml(jdbcUrl, 10, Map.of()) + webXml, DATASOURCE);
    }

    private static String dataSourceXml(String jdbcUrl, int maxPoolSize, Map<String, String> properties) {
        return """
                    <data-source>
                        <name>%s</name>
                        <class-name>%s</class-name>
                        <url>%s</url>
                %s        <transactional>true</transactional>
                        <max-pool-size>%d</max-pool-size>
                %s    </data-source>
                """.formatted(DATASOURCE,
                TestDatabase.onMariaDb() ? "org.mariadb.jdbc.MariaDbDataSource" : "org.postgresql.ds.PGSimpleDataSource",
                (jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + TestDatabase.user())
                        .replace("&", "&amp;"),
                // GlassFish connects with an empty user unless <user> names one, and then wants a password:
                // the test server trusts local connections, so any does.
                Server.current() == Server.GLASSFISH
                        ? "        <user>%s</user>\n        <password>trusted</password>\n".formatted(TestDatabase.user()) : "",
                maxPoolSize,
                properties.entrySet().stream()
                        .map(p -> "        <property><name>%s</name><value>%s</value></property>\n"
                                .formatted(p.getKey(), p.getValue()))
                        .collect(Collectors.joining()));
    }

    /**
     * Settings in {@code microprofile-config.properties}; the server's datasource {@code jndiName},
     * named by {@code capydb.auth.datasource}.
     */
    public static WebArchive onServerDataSource(String name, String jndiName, Map<String, String> settings) {
        return onServerDataSource(name, jndiName, settings, "");
    }

    private static WebArchive onServerDataSource(String name, String jndiName, Map<String, String> settings,
            String webXmlContent) {
        String config = settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "capydb.auth.datasource=" + jndiName + "\n", "\n"));
        return base(name, webXmlContent, jndiName)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    /**
     * Settings as {@code web.xml} context parameters only, and no datasource setting: the receiver
     * uses the platform's default datasource (H2 on WildFly).
     */
    public static WebArchive onDefaultDataSource(String name, Map<String, String> contextParams) {
        return base(name, contextParams(contextParams), "java:comp/DefaultDataSource");
    }

    /** {@code settings} as {@code <context-param>}s of {@code web.xml}. */
    static String contextParams(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> "    <context-param><param-name>%s</param-name><param-value>%s</param-value></context-param>\n"
                        .formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining());
    }

    private static WebArchive base(String name, String webXmlContent, String appDataSource) {
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "capydb-auth-sync.jar")
                .as(ExplodedImporter.class)
                .importDirectory(new File(property("capydb.it.classes")))
                .as(JavaArchive.class);
        File[] libraries = Objects.requireNonNull(new File(property("capydb.it.lib")).listFiles());
        String webXml = "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                + webXmlContent + "</web-app>\n";
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(library)
                .addAsLibraries(libraries)
                .addPackage(Observations.class.getPackage())
                .addAsWebInfResource(new StringAsset(webXml), "web.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(persistenceXml(appDataSource)), "META-INF/persistence.xml");
    }

    /**
     * The application's own persistence unit, which lists the library's read-only entities, on MariaDB
     * with the library's mapping file for them, as the README says.
     */
    private static String persistenceXml(String dataSource) {
        return """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                    <persistence-unit name="app">
                        <jta-data-source>%s</jta-data-source>
                %s        <class>dev.capydb.authsync.AuthUser</class>
                        <class>dev.capydb.authsync.AuthOrganization</class>
                        <class>dev.capydb.authsync.AuthMembership</class>
                        <exclude-unlisted-classes>true</exclude-unlisted-classes>
                    </persistence-unit>
                </persistence>
                """.formatted(dataSource, TestDatabase.onMariaDb() && !dataSource.equals("java:comp/DefaultDataSource")
                        ? "        <mapping-file>META-INF/capydb-auth-sync/mariadb-orm.xml</mapping-file>\n" : "");
    }

    /**
     * Where the server of the deployment at {@code base} reports its {@code kind} ({@code ready},
     * {@code live}) of MicroProfile Health: WildFly on its management port (the suite's first WildFly
     * only has the health subsystem), Payara and Open Liberty on the HTTP port.
     */
    static URI healthUri(URL base, String kind) {
        return Server.current() == Server.WILDFLY
                ? URI.create("http://" + base.getHost() + ":9990/health/" + kind)
                : URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/health/" + kind);
    }

    static String property(String key) {
        return Objects.requireNonNull(System.getProperty(key), key + " is set by the failsafe configuration");
    }
}
