package dev.capydb.authsync.internal.mirroring;

import java.sql.SQLException;

/**
 * A delivery could not be written. {@link #isPermanent()} tells a value the database refuses
 * (redelivering it cannot help) from a fault that may pass (connection lost, lock timeout, …).
 */
public final class MirrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MirrorException(SQLException cause) {
        super("Writing capydb_auth.users failed (SQLState " + cause.getSQLState() + ")", cause);
    }

    /** SQLState class 22, "data exception": e.g. a NUL character PostgreSQL cannot store. */
    public boolean isPermanent() {
        String state = ((SQLException) getCause()).getSQLState();
        return state != null && state.startsWith("22");
    }
}
