package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * Reads Better Auth's user table for the backfill job, one page per chunk in the order of the
 * primary key: never more than a page in memory, and a checkpoint that is simply the last id read,
 * from where a restarted job goes on.
 *
 * <p>It reads outside the chunk's transaction: the batch runtime may have enlisted its own job
 * repository in it (Payara), and a second non-XA datasource cannot join. Reading needs no
 * transaction, and the writes commit in their own (the write path's).
 */
@Named("capydbBetterAuthUserReader")
@Dependent
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class BetterAuthUserReader extends BackfillReader {

    /** Rows per page: the chunk's size, so that a checkpoint falls on a page boundary. */
    static final int PAGE_SIZE = 500;

    @Inject
    MirrorDatabase database;

    private DataSource dataSource;
    private BetterAuthUserTable table;
    private final Deque<BetterAuthUserTable.Row> page = new ArrayDeque<>();
    private String lastFetched;
    private String lastRead;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        String name = database.settings().backfill(BetterAuthUserTable.PROVIDER, "datasource").orElse(null);
        dataSource = name == null ? database.dataSource() : (DataSource) new InitialContext().lookup(name);
        lastFetched = lastRead = (String) checkpoint;
        try (Connection connection = dataSource.getConnection()) {
            table = BetterAuthUserTable.of(database.settings(), connection);
        }
        resumeCounts(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return table.count(connection);
            }
        });
    }

    @Override
    public Object readItem() throws SQLException {
        if (page.isEmpty() && !exhausted) {
            try (Connection connection = dataSource.getConnection()) {
                page.addAll(table.page(connection, lastFetched, PAGE_SIZE));
            }
            exhausted = page.size() < PAGE_SIZE;
            if (!page.isEmpty()) {
                lastFetched = page.getLast().id();
            }
        }
        BetterAuthUserTable.Row row = page.poll();
        if (row == null) {
            return null;
        }
        lastRead = row.id();
        return row.body();
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
