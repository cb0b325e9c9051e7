package dev.capydb.authsync.internal.mirroring;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/**
 * A delivery could not be written. {@link #isPermanent()} tells a value the database refuses
 * (redelivering it cannot help) from a fault that may pass (connection lost, lock timeout, failed
 * commit, …).
 */
public final class MirrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MirrorException(Throwable cause) {
        super("Writing the mirror failed (" + reason(cause) + ")", cause);
    }

    /**
     * The delivery waited in line longer than {@code capydb.auth.stall-seconds}, behind a batch
     * that does not end, and was withdrawn unwritten: a fault that may pass.
     */
    static MirrorException waitedTooLong() {
        return new MirrorException(new TimeoutException(
                "waited for a transaction longer than capydb.auth.stall-seconds; withdrawn unwritten"));
    }

    /** What failed, as {@code SQLState 08006} or the failure's type: safe to log. */
    public String reason() {
        return reason(getCause());
    }

    /**
     * A failure of the database as the first SQLState among its causes, else its type. Not the
     * message: a driver's can quote the statement's parameters (users' data) or the connection's
     * settings.
     */
    public static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQLState " + sql.getSQLState();
            }
        }
        return failure.getClass().getName();
    }

    /**
     * Whether the database refused a value: SQLState class 22, "data exception" (e.g. a NUL character
     * PostgreSQL cannot store), anywhere in the causes, or among the errors of a JDBC batch.
     */
    public boolean isPermanent() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException error = sql; error != null; error = error.getNextException()) {
                    if (error.getSQLState() != null && error.getSQLState().startsWith("22")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
