package db.callback;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A Flyway callback of the application's own, where Flyway looks for one by default: it would run for
 * every migration Flyway makes with a class loader that sees it, and fails it. The library's migrations
 * must never meet it (OwnMigrationsIT deploys it in a test WAR; the unit tests on H2 have it on their
 * class path too).
 */
public class ApplicationFlywayCallback implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return true;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        throw new IllegalStateException("The application's Flyway callback ran for " + event
                + " of capydb-auth-sync's migrations");
    }

    @Override
    public String getCallbackName() {
        return "application";
    }
}
