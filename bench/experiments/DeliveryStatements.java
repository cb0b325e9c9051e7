import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment, not part of the library: how the group commit's statements could be sent to
 * PostgreSQL, measured by one writer thread in transactions of BATCH deliveries (BENCHMARKS.md §7,
 * "What is left"). Needs a database holding the receiver's schema.
 *
 * <pre>
 * java -cp postgresql.jar bench/experiments/DeliveryStatements.java MODE BATCH SECONDS [JDBC_URL]
 * </pre>
 *
 * MODE: {@code two-batches}, the receiver's way (the deliveries' records as one JDBC batch, then their
 * upserts as another, then the commit); {@code one-statement}, one data-modifying CTE per delivery
 * that records it and upserts its user only if it was new, as one JDBC batch; {@code unnest}, one
 * statement for the whole batch over array parameters, returning what each delivery did. Prints the
 * rate and the CPU every PostgreSQL process spent per delivery (from /proc).
 */
public class DeliveryStatements {

    static final String COLUMNS = "id, email, first_name, last_name, username, image_url, created_at, updated_at,"
            + " last_sign_in_at, raw, source_updated_at";
    static final String RECORD = "INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (provider, delivery_id) DO NOTHING";
    static final String ON_CONFLICT = """
            ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
                last_name = EXCLUDED.last_name, username = EXCLUDED.username, image_url = EXCLUDED.image_url,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                last_sign_in_at = EXCLUDED.last_sign_in_at, raw = EXCLUDED.raw,
                source_updated_at = EXCLUDED.source_updated_at
            WHERE u.deleted_at IS NULL AND (EXCLUDED.source_updated_at IS NULL OR u.source_updated_at IS NULL
                OR EXCLUDED.source_updated_at >= u.source_updated_at)
            """;
    static final String UPSERT = "INSERT INTO capydb_auth.users AS u (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?) " + ON_CONFLICT;
    /** Row count 1: recorded and applied; 0: a duplicate, or a stale event (the count cannot say which). */
    static final String ONE_STATEMENT = """
            WITH recorded AS (
              INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?)
              ON CONFLICT (provider, delivery_id) DO NOTHING RETURNING 1
            )
            INSERT INTO capydb_auth.users AS u (%s)
            SELECT ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, CAST(? AS jsonb), ?::timestamptz
            FROM recorded
            %s
            """.formatted(COLUMNS, ON_CONFLICT);
    /** One row per delivery: its position, whether it was new, whether its user's row took it. */
    static final String UNNEST = """
            WITH input AS (
              SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::timestamptz[])
                WITH ORDINALITY AS i(provider, delivery_id, received_at, id, email, first_name, last_name, username,
                  image_url, created_at, updated_at, last_sign_in_at, raw, source_updated_at, n)
            ), recorded AS (
              INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at)
              SELECT provider, delivery_id, received_at FROM input ORDER BY provider, delivery_id
              ON CONFLICT (provider, delivery_id) DO NOTHING RETURNING provider, delivery_id
            ), applied AS (
              INSERT INTO capydb_auth.users AS u (%s)
              SELECT i.id, i.email, i.first_name, i.last_name, i.username, i.image_url, i.created_at, i.updated_at,
                  i.last_sign_in_at, CAST(i.raw AS jsonb), i.source_updated_at
              FROM input i JOIN recorded r USING (provider, delivery_id) ORDER BY i.id
              %s RETURNING u.id
            )
            SELECT i.n, r.delivery_id IS NOT NULL, a.id IS NOT NULL
            FROM input i LEFT JOIN recorded r USING (provider, delivery_id) LEFT JOIN applied a ON a.id = i.id
            ORDER BY i.n
            """.formatted(COLUMNS, ON_CONFLICT);

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int batch = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        String url = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/capydb_bench?user=postgres";
        String run = Long.toString(System.nanoTime(), 36);
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement record = connection.prepareStatement(RECORD);
                PreparedStatement upsert = connection.prepareStatement(UPSERT);
                PreparedStatement oneStatement = connection.prepareStatement(ONE_STATEMENT);
                PreparedStatement unnest = connection.prepareStatement(UNNEST)) {
            connection.setAutoCommit(false);
            long cpuBefore = databaseTicks();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long sent = 0;
            while (System.nanoTime() < end) {
                List<Object[]> rows = deliveries(run, sent, batch);
                switch (mode) {
                    case "two-batches" -> {
                        for (Object[] row : rows) {
                            bind(record, row, 0, 3, 1);
                            record.addBatch();
                        }
                        record.executeBatch();
                        for (Object[] row : rows) {
                            bind(upsert, row, 3, 14, 1);
                            upsert.addBatch();
                        }
                        upsert.executeBatch();
                    }
                    case "one-statement" -> {
                        for (Object[] row : rows) {
                            bind(oneStatement, row, 0, 14, 1);
                            oneStatement.addBatch();
                        }
                        oneStatement.executeBatch();
                    }
                    case "unnest" -> {
                        for (int column = 0; column < 14; column++) {
                            Object[] values = new Object[rows.size()];
                            for (int i = 0; i < rows.size(); i++) {
                                Object value = rows.get(i)[column];
                                values[i] = value instanceof OffsetDateTime time ? time.toString() : value;
                            }
                            unnest.setArray(column + 1, connection.createArrayOf("text", values));
                        }
                        try (ResultSet outcomes = unnest.executeQuery()) {
                            while (outcomes.next()) {
                                // read, as the receiver would
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("MODE: two-batches, one-statement or unnest");
                }
                connection.commit();
                sent += batch;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long ticks = databaseTicks() - cpuBefore;
            System.out.printf("%s batch=%d rate=%.0f/s database_cpu_us_per_delivery=%.1f%n", mode, batch,
                    sent / elapsed, ticks * 1e6 / 100 / sent);
        }
    }

    /**
     * The next {@code batch} deliveries: with batches of one, each user is created then updated (two
     * deliveries); in larger batches every delivery is a new user, as one batch of the receiver never
     * holds one user twice in a round.
     */
    static List<Object[]> deliveries(String run, long first, int batch) {
        List<Object[]> rows = new ArrayList<>();
        OffsetDateTime created = OffsetDateTime.parse("2025-01-15T10:30:00Z");
        for (long k = first; k < first + batch; k++) {
            String id = run + "-" + (batch == 1 ? k / 2 : k);
            OffsetDateTime updated = created.plusDays(k % 2);
            String image = "https://avatars.example.com/u/" + id + "/profile.png?size=256&v=2";
            String raw = "{\"id\":\"" + id + "\",\"name\":\"Katherine Ada Thompson\",\"email\":\"k" + k
                    + "@mail.example.org\",\"emailVerified\":true,\"image\":\"" + image
                    + "\",\"createdAt\":\"2025-01-15T10:30:00.000Z\",\"updatedAt\":\"" + updated
                    + "\",\"username\":\"katherine_" + id + "\",\"role\":\"user\",\"banned\":false,\"lang\":\"fr-FR\"}";
            rows.add(new Object[] {"better-auth", "sha256:" + run + k, OffsetDateTime.now(), id, "k" + k + "@mail.example.org",
                "Katherine", "Ada Thompson", "katherine_" + id, image, created, updated, null, raw, updated});
        }
        return rows;
    }

    static void bind(PreparedStatement statement, Object[] row, int from, int to, int firstParameter) throws Exception {
        for (int i = from; i < to; i++) {
            statement.setObject(firstParameter + i - from, row[i]);
        }
    }

    /** Clock ticks (1/100 s) of every PostgreSQL process. */
    static long databaseTicks() throws Exception {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("postgres")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks;
    }
}
