package dev.capydb.authsync.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a run of the suite needs beyond a JDK and Maven, checked before its first test: the JDK it is
 * named for (the run on the newest LTS JDK), and its database ({@link TestDatabase}). Where something is
 * missing, the run's tests are skipped, and it says so loudly, once, naming what is missing; in CI (the
 * environment variable {@code CI} set) the run fails instead, as CI runs the whole suite.
 */
final class Prerequisites implements BeforeAllCallback {

    private static volatile String missing;

    @Override
    public void beforeAll(ExtensionContext context) {
        String version = System.getProperty("capydb.it.server.java.version");
        if (version != null && Runtime.version().feature() != Integer.parseInt(version)) {
            missing("no JDK " + version + " (src/test/build/FindJdk.java found none; this run's JVM is "
                    + Runtime.version() + ")");
        }
        if (missing != null) {
            skipOrFail(missing);
        }
    }

    /** Records that the run lacks {@code what}, says so, and skips or fails the test asking. */
    static void missing(String what) {
        if (missing == null) {
            missing = what;
            String line = "=".repeat(100);
            System.err.printf("%n%s%ncapydb-auth-sync: %s.%nThe %s run of the integration suite is SKIPPED.%n%s%n%n",
                    line, what, System.getProperty("capydb.it.run", "this"), line);
        }
        skipOrFail(missing);
    }

    private static void skipOrFail(String what) {
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("This run of the suite needs what is missing: " + what);
        }
        Assumptions.abort("missing: " + what);
    }
}
