package dev.capydb.authsync.it;

import java.util.Arrays;

/**
 * The server this run of the suite deploys to: failsafe runs the suite once per server (pom.xml, by tags), and
 * names it in {@code capydb.it.server}. Where servers differ in what a test can observe (who refuses an
 * oversized header, how a failed start shows), the test asks this.
 */
enum Server {
    WILDFLY("wildfly"),
    PAYARA_MICRO("payara-micro"),
    PAYARA_SERVER("payara-server"),
    OPEN_LIBERTY("liberty"),
    GLASSFISH("glassfish");

    private final String name;

    Server(String name) {
        this.name = name;
    }

    static Server current() {
        String name = ReceiverWar.property("capydb.it.server");
        return Arrays.stream(values()).filter(server -> server.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no such server: " + name));
    }

    /** Payara (Micro or Server) or GlassFish, which share Grizzly's HTTP listener. */
    boolean isGlassFishFamily() {
        return this == PAYARA_MICRO || this == PAYARA_SERVER || this == GLASSFISH;
    }

    /** Whether the server reads JPA entities with EclipseLink (all but WildFly, which has Hibernate). */
    boolean readsWithEclipseLink() {
        return this != WILDFLY;
    }
}
