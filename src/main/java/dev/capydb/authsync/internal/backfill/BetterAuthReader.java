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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * Reads Better Auth's tables for the backfill job: its users, then, where the organization plugin is
 * in use, its organizations and their members; one page per chunk in the order of each table's
 * primary key. Never more than a page in memory, and a checkpoint that is the table and the last
 * id read, from where a restarted job goes on.
 *
 * <p>It reads outside the chunk's transaction: the batch runtime may have enlisted its own job
 * repository in it (Payara), and a second non-XA datasource cannot join. Reading needs no
 * transaction, and the writes commit in their own (the write path's).
 */
@Named("capydbBetterAuthReader")
@Dependent
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class BetterAuthReader extends BackfillReader {

    /** Rows per page: the chunk's size, so that a checkpoint falls on a page boundary. */
    static final int PAGE_SIZE = 500;

    @Inject
    MirrorDatabase database;

    private DataSource dataSource;
    /** The tables there are to read, in order; the first is the one being read. */
    private final Deque<BetterAuthTable> tables = new ArrayDeque<>();
    private final Deque<BetterAuthTable.Row> page = new ArrayDeque<>();
    private String lastFetched;
    private String lastRead;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        String name = database.settings().backfill(BetterAuthTable.PROVIDER, "datasource").orElse(null);
        dataSource = name == null ? database.dataSource() : (DataSource) new InitialContext().lookup(name);
        try (Connection connection = dataSource.getConnection()) {
            for (BetterAuthTable.Model model : BetterAuthTable.Model.values()) {
                Optional<BetterAuthTable> table = BetterAuthTable.of(model, database.settings(), connection);
                table.ifPresent(tables::add);
                holds(model.subject, table.isPresent());
            }
        }
        resumeCounts(() -> {
            long total = 0;
            try (Connection connection = dataSource.getConnection()) {
                for (BetterAuthTable table : tables) {
                    total += table.count(connection);
                }
            }
            return total;
        });
        // A user's id alone: the checkpoint of the users' table (as before organizations were read);
        // else the table's model and the last id read of it.
        Checkpoint at = Checkpoint.of(checkpoint);
        while (!tables.isEmpty() && tables.getFirst().model() != at.model()) {
            tables.removeFirst();
        }
        lastFetched = lastRead = at.lastId();
    }

    @Override
    public Object readItem() throws SQLException {
        while (page.isEmpty() && !tables.isEmpty()) {
            if (!exhausted) {
                try (Connection connection = dataSource.getConnection()) {
                    page.addAll(tables.getFirst().page(connection, lastFetched, PAGE_SIZE));
                }
                exhausted = page.size() < PAGE_SIZE;
                if (!page.isEmpty()) {
                    lastFetched = page.getLast().id();
                }
            } else {
                tables.removeFirst();
                exhausted = false;
                lastFetched = lastRead = null;
            }
        }
        BetterAuthTable.Row row = page.poll();
        if (row == null) {
            return null;
        }
        lastRead = row.id();
        return row.body();
    }

    @Override
    public Serializable checkpointInfo() {
        return tables.isEmpty() ? null : new Checkpoint(tables.getFirst().model(), lastRead).value();
    }

    /** Where a reader stands: the model it reads and the last id it read of it ({@code null}: none yet). */
    record Checkpoint(BetterAuthTable.Model model, String lastId) {

        /**
         * What a job repository holds: the users' last id as it is, any other table's as a list of
         * its model's name and its last id (JDK types only, which every batch runtime restores).
         */
        Serializable value() {
            return model == BetterAuthTable.Model.USER ? lastId : new ArrayList<>(Arrays.asList(model.name(), lastId));
        }

        static Checkpoint of(Serializable value) {
            if (value instanceof List<?> list) {
                return new Checkpoint(BetterAuthTable.Model.valueOf((String) list.get(0)), (String) list.get(1));
            }
            return new Checkpoint(BetterAuthTable.Model.USER, (String) value);
        }
    }
}
