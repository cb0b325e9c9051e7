package dev.capydb.authsync.internal.mirroring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the nodes share how fresh the mirror is of each provider: the columns
 * {@code last_delivery_at} and {@code last_reconciled_at} of {@code capydb_auth.providers}, one row a
 * provider (which the reconciliation's lock shares). Every statement commits on its own, outside any
 * transaction of the caller.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class FreshnessStore {

    @Inject
    MirrorDatabase database;

    /** What a provider's row says of its freshness. */
    public record Freshness(Instant lastDelivery, Instant lastReconciled) {
    }

    /** Every provider's freshness, as the nodes recorded it. */
    public Map<String, Freshness> read() throws SQLException {
        SqlDialect dialect = database.dialect();
        Map<String, Freshness> freshness = new LinkedHashMap<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT provider, last_delivery_at, last_reconciled_at FROM capydb_auth.providers");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                freshness.put(row.getString("provider"), new Freshness(dialect.getInstant(row, "last_delivery_at"),
                        dialect.getInstant(row, "last_reconciled_at")));
            }
        }
        return freshness;
    }

    /** Records the last deliveries this node accepted, by provider, where no node recorded a later one. */
    public void delivered(Map<String, Instant> lastDeliveries) throws SQLException {
        SqlDialect dialect = database.dialect();
        try (Connection connection = database.dataSource().getConnection()) {
            for (Map.Entry<String, Instant> delivery : lastDeliveries.entrySet()) {
                ensureProvider(connection, dialect, delivery.getKey());
                try (PreparedStatement update = connection.prepareStatement("UPDATE capydb_auth.providers SET"
                        + " last_delivery_at = ? WHERE provider = ? AND (last_delivery_at IS NULL OR last_delivery_at < ?)")) {
                    dialect.setInstant(update, 1, delivery.getValue());
                    update.setString(2, delivery.getKey());
                    dialect.setInstant(update, 3, delivery.getValue());
                    update.executeUpdate();
                }
            }
        }
    }

    /** Inserts {@code provider}'s row of {@code capydb_auth.providers} unless it is there. */
    public static void ensureProvider(Connection connection, SqlDialect dialect, String provider) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(dialect.insertIfAbsent("providers",
                List.of("provider")))) {
            insert.setString(1, provider);
            insert.executeUpdate();
        }
    }
}
