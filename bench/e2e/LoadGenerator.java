import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * End-to-end load generator for a Better Auth (CapyDB form) webhook receiver: capydb-auth-sync in
 * WildFly, or the Node peer in bench/node-peer. Single-file Java 17 program for the source launcher:
 *
 * <pre>java -cp postgresql.jar bench/e2e/LoadGenerator.java --help</pre>
 *
 * Each of U users gets a {@code user.created} and then a {@code user.updated}. User i belongs to
 * worker i % C; a worker sends all its creates, then all its updates, one request at a time over one
 * keep-alive HTTP/1.1 connection. Requests are signed before the clock starts, and sent with a plain
 * blocking socket and a minimal response parser: the JDK HttpClient costs too much CPU on a 2-core
 * machine that also runs the server and the database. Afterwards the table is checked over JDBC: a
 * benchmark that loses or corrupts data has failed, whatever its rate.
 */
public class LoadGenerator {

    static final String PATH = "/capydb-auth/webhooks/better-auth";
    static final String PROVIDER = "better-auth";
    /** Every body's dates count from here; an update is one day and some minutes after its create. */
    static final Instant EPOCH = Instant.parse("2025-01-15T10:30:00.000Z");
    static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
        "Frances", "Niklaus", "Radia", "Tony", "Katherine", "Dennis", "Adele", "John", "Hedy", "Leslie"};
    static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton",
        "Thompson", "Allen", "Wirth", "Perlman", "Hoare", "Johnson", "Ritchie", "Goldberg", "McCarthy",
        "Lamarr", "Lamport", "Backus"};
    static final String MIRRORED = "\"status\":\"mirrored\"";

    // ------------------------------------------------------------------ options

    static final class Options {
        String url = "http://127.0.0.1:9080";
        String secret = envOr("CAPYDB_AUTH_BETTER_AUTH_SECRET", "bench-secret");
        int concurrency = 16;
        int users = 10_000;
        int warmup = 2_000;
        String jdbc = "jdbc:postgresql://127.0.0.1:5432/capydb_bench?user=postgres";
        String target = "receiver";
        int seconds = 0;
        String runId = Long.toString(System.currentTimeMillis(), 36) + Integer.toString((int) (Math.random() * 1296), 36);
        String verifyRunId;
        boolean verifyOnly;
        boolean jdbcLoop;
        long maxUsers = 2_000_000;
        int chunk = 50;
        int progress = 60;
        int timeoutMs = 30_000;
        int maxFailures = 50;
        long serverPid;
    }

    static final String HELP = """
            Usage: java -cp <jdbc-driver.jar> bench/e2e/LoadGenerator.java [options]

            Sends signed Better Auth user.created + user.updated deliveries (CapyDB form) to a receiver
            and checks the database afterwards. Prints one line
              RESULT target=… c=… deliveries=… seconds=… rate=… p50=… p95=… p99=… verified=ok|FAILED
            and exits non-zero if any response was not 200 "mirrored" or the table is not as sent.

              --url URL            receiver base URL, loopback only   (default http://127.0.0.1:9080)
                                   requests go to URL + /capydb-auth/webhooks/better-auth
              --secret S           HMAC secret (default $CAPYDB_AUTH_BETTER_AUTH_SECRET, else bench-secret)
              --concurrency C      workers = keep-alive connections, one request in flight each (default 16)
              --users U            measured users; 2U deliveries: each user created, then updated (default 10000)
              --warmup N           unmeasured deliveries first, other id prefix (default 2000; 0 = none)
              --seconds N          duration mode (soak): send fresh users (create, then update) for N
                                   seconds instead of --users; signs in chunks as it goes
              --max-users N        duration mode: stop after N users even before --seconds (default 2000000)
              --chunk N            duration mode: users per worker chunk (default 50)
              --progress N         duration mode: print a PROGRESS line every N seconds (default 60)
              --jdbc URL           verify over JDBC; "none" skips it (verified=skipped)
                                   (default jdbc:postgresql://127.0.0.1:5432/capydb_bench?user=postgres)
              --target-name NAME   label for the RESULT line (default receiver)
              --run-id ID          id prefix of this run's users: bench-ID-<n> (default: random)
              --verify-only        send nothing; verify the run --run-id with --users (or its count)
              --verify-run-id ID   verify another run's ids instead of this run's (to see a failure
                                   being caught: a wrong id must make the benchmark fail)
              --timeout-ms N       socket connect/read timeout (default 30000)
              --max-failures N     give up after N failed requests (default 50)
              --jdbc-loop          no HTTP: write the same deliveries straight into the --jdbc database,
                                   one transaction each with the receiver's own statements (its
                                   SqlDialect: put the library's JAR on the class path), C connections;
                                   the database's own rate for the receiver's write path (its CPU
                                   is reported as if it were --server-pid's, and the database's)
              --server-pid PID     also report the CPU the server's process, every database process
                                   (PostgreSQL or MariaDB) and this generator used during the measured
                                   window, in ms per 1,000 deliveries (cpu_server=… cpu_db=… cpu_load=…;
                                   Linux /proc)
              --help
            """;

    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--help", "-h" -> {
                    System.out.print(HELP);
                    System.exit(0);
                }
                case "--verify-only" -> o.verifyOnly = true;
                case "--jdbc-loop" -> o.jdbcLoop = true;
                default -> {
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        v = args[++i];
                    }
                    switch (a) {
                        case "--url" -> o.url = v;
                        case "--secret" -> o.secret = v;
                        case "--concurrency", "-c" -> o.concurrency = Integer.parseInt(v);
                        case "--users" -> o.users = Integer.parseInt(v);
                        case "--warmup" -> o.warmup = Integer.parseInt(v);
                        case "--seconds" -> o.seconds = Integer.parseInt(v);
                        case "--max-users" -> o.maxUsers = Long.parseLong(v);
                        case "--chunk" -> o.chunk = Integer.parseInt(v);
                        case "--progress" -> o.progress = Integer.parseInt(v);
                        case "--jdbc" -> o.jdbc = v;
                        case "--target-name" -> o.target = v;
                        case "--run-id" -> o.runId = v;
                        case "--verify-run-id" -> o.verifyRunId = v;
                        case "--timeout-ms" -> o.timeoutMs = Integer.parseInt(v);
                        case "--max-failures" -> o.maxFailures = Integer.parseInt(v);
                        case "--server-pid" -> o.serverPid = Long.parseLong(v);
                        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                    }
                }
            }
        }
        if (o.concurrency < 1 || o.users < 0 || o.warmup < 0 || o.seconds < 0 || o.chunk < 1 || o.maxUsers < 1
                || o.progress < 1) {
            throw new IllegalArgumentException("counts must be positive (see --help)");
        }
        if (o.jdbcLoop && (o.seconds > 0 || "none".equals(o.jdbc))) {
            throw new IllegalArgumentException("--jdbc-loop writes over --jdbc, and only --users");
        }
        if (!o.runId.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("--run-id: letters, digits and _ only");
        }
        return o;
    }

    // ------------------------------------------------------------------ deliveries

    /** Everything a delivery's body says about its user; a pure function of (prefix, index, update). */
    record UserVersion(String id, String name, String first, String last, String email, String username,
            String image, Instant createdAt, Instant updatedAt, String body) {

        /** The user object of the body, as the receiver stores it in {@code raw}. */
        String user() {
            return body.substring(body.indexOf("\"user\":") + 7, body.length() - 1);
        }
    }

    static UserVersion version(String prefix, long i, boolean update) {
        String id = prefix + "-" + i;
        int f = (int) (i % FIRST.length);
        int l = (int) ((i / FIRST.length) % LAST.length);
        String first;
        String last;
        String email;
        if (!update) {
            first = FIRST[f];
            last = LAST[l];
            email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "." + i + "@example.com";
        } else {
            // A married name, a middle name and a new address: the receiver keeps "the rest" as last_name.
            first = FIRST[(f + 5) % FIRST.length];
            last = FIRST[(f + 11) % FIRST.length] + " " + LAST[(l + 7) % LAST.length];
            email = first.toLowerCase(Locale.ROOT) + "." + i + "@mail.example.org";
        }
        Instant createdAt = EPOCH.plusSeconds(i).plusMillis(1 + i % 999);
        Instant updatedAt = update ? createdAt.plusSeconds(86_400 + 60 * (i % 600)).plusMillis(7) : createdAt;
        String name = first + " " + last;
        String username = (first + "_" + LAST[l]).toLowerCase(Locale.ROOT) + "_" + i;
        String image = "https://avatars.example.com/u/" + id + "/profile.png?size=256&v=" + (update ? 2 : 1);
        String body = "{\"event\":\"" + (update ? "user.updated" : "user.created") + "\",\"user\":{"
                + "\"id\":\"" + id + "\","
                + "\"name\":\"" + name + "\","
                + "\"email\":\"" + email + "\","
                + "\"emailVerified\":" + (update || i % 3 == 0) + ","
                + "\"image\":\"" + image + "\","
                + "\"createdAt\":\"" + RFC3339_MILLIS.format(createdAt) + "\","
                + "\"updatedAt\":\"" + RFC3339_MILLIS.format(updatedAt) + "\","
                + "\"username\":\"" + username + "\","
                + "\"displayUsername\":\"" + first + "_" + LAST[l] + "\","
                + "\"role\":\"user\",\"banned\":false,\"banReason\":null,\"banExpires\":null,"
                + "\"twoFactorEnabled\":" + (i % 4 == 0) + ","
                + "\"lang\":\"" + (i % 2 == 0 ? "en-GB" : "fr-FR") + "\"}}";
        return new UserVersion(id, name, first, last, email, username, image, createdAt, updatedAt, body);
    }

    /** The request's exact bytes: headers and the body that was signed. */
    static byte[] request(Target target, Mac mac, byte[] body) {
        String signature = HexFormat.of().formatHex(mac.doFinal(body));
        byte[] head = ("POST " + target.path + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader + "\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Better-Auth-Signature: " + signature + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Worker w's deliveries for users [from, to): its creates in order, then its updates in order. */
    static List<UserVersion> workerVersions(String prefix, long from, long to, int w, int c) {
        List<UserVersion> out = new ArrayList<>();
        long start = from + Math.floorMod(w - from, c);
        for (int pass = 0; pass < 2; pass++) {
            for (long i = start; i < to; i += c) {
                out.add(version(prefix, i, pass == 1));
            }
        }
        return out;
    }

    /** Worker w's requests for users [from, to), in the order of {@link #workerVersions}. */
    static List<byte[]> workerRequests(Target target, Mac mac, String prefix, long from, long to, int w, int c) {
        return workerVersions(prefix, from, to, w, c).stream()
                .map(v -> request(target, mac, v.body().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** The key the receiver records for a CapyDB-form delivery: sha256: and the hex SHA-256 of its body. */
    static String deliveryKey(MessageDigest sha256, String body) {
        return "sha256:" + HexFormat.of().formatHex(sha256.digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ HTTP

    record Target(String host, int port, String path, String hostHeader) {
        static Target of(String url) throws IOException {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--url must be http://host:port[/base]");
            }
            // Load goes to this machine only.
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("--url must point to a loopback address, not " + uri.getHost());
            }
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            String base = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return new Target(uri.getHost(), port, base + PATH, uri.getHost() + ":" + port);
        }
    }

    /** One keep-alive connection and a minimal HTTP/1.1 response reader. */
    static final class Http {
        final Target target;
        final int timeoutMs;
        Socket socket;
        InputStream in;
        OutputStream out;
        int status;
        final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        private final StringBuilder line = new StringBuilder(128);

        Http(Target target, int timeoutMs) {
            this.target = target;
            this.timeoutMs = timeoutMs;
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }

        /** Sends the request and reads the whole response into {@link #status} and {@link #body}. */
        void exchange(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(target.host(), target.port()), timeoutMs);
                socket.setSoTimeout(timeoutMs);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            status = Integer.parseInt(statusLine.substring(9, 12));
            boolean close = statusLine.startsWith("HTTP/1.0");
            long length = -1;
            boolean chunked = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close") ? true : value.equalsIgnoreCase("keep-alive") ? false : close;
                }
            }
            body.reset();
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                copy(length);
            } else {
                in.transferTo(body);
                close = true;
            }
            if (close) {
                close();
            }
        }

        private long chunkSize() throws IOException {
            String size = readLine();
            int semi = size.indexOf(';');
            return Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        }

        private void copy(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            while (n > 0) {
                int read = in.read(buffer, 0, (int) Math.min(n, buffer.length));
                if (read < 0) {
                    throw new EOFException("connection closed in a response body");
                }
                body.write(buffer, 0, read);
                n -= read;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed before a complete response");
                }
                if (b == '\n') {
                    int len = line.length();
                    if (len > 0 && line.charAt(len - 1) == '\r') {
                        line.setLength(len - 1);
                    }
                    return line.toString();
                }
                line.append((char) b);
            }
        }
    }

    // ------------------------------------------------------------------ running

    /** What went wrong across all workers; the first few failures are kept to be printed. */
    static final class Failures {
        final AtomicInteger count = new AtomicInteger();
        final AtomicBoolean abort = new AtomicBoolean();
        final List<String> first = new ArrayList<>();
        final int max;

        Failures(int max) {
            this.max = max;
        }

        void add(String what) {
            int n = count.incrementAndGet();
            synchronized (first) {
                if (first.size() < 5) {
                    first.add(what);
                }
            }
            if (n >= max) {
                abort.set(true);
            }
        }
    }

    /** Growable per-worker latency record, in nanoseconds. */
    static final class Latencies {
        long[] values;
        int size;

        Latencies(int capacity) {
            values = new long[Math.max(16, capacity)];
        }

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = nanos;
        }
    }

    /** Sends one request, checks the answer, records its latency (or counts a failure). */
    static void send(Http http, byte[] request, Latencies latencies, Failures failures, AtomicLong done) {
        long start = System.nanoTime();
        try {
            http.exchange(request);
        } catch (IOException | RuntimeException e) {
            http.close();
            failures.add("I/O: " + e);
            return;
        }
        long elapsed = System.nanoTime() - start;
        String body = http.body.toString(StandardCharsets.UTF_8);
        if (http.status != 200) {
            failures.add("HTTP " + http.status + ": " + abbreviate(body));
        } else if (!body.contains(MIRRORED)) {
            // Every delivery here is new and newer than the row: anything but "mirrored" is wrong.
            failures.add("HTTP 200 but not mirrored: " + abbreviate(body));
        } else if (latencies != null) {
            latencies.add(elapsed);
        }
        ATTEMPTED.incrementAndGet();
        if (done != null) {
            done.incrementAndGet();
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    interface WorkerBody {
        void run(int w, Http http) throws Exception;
    }

    /** Runs C workers from one start signal; returns the wall time from the start to the last worker's end. */
    static double runWorkers(int c, Target target, Options o, WorkerBody body) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(c);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(c);
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean crashed = new AtomicBoolean();
        for (int w = 0; w < c; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                Http http = new Http(target, o.timeoutMs);
                try {
                    ready.countDown();
                    go.await();
                    body.run(worker, http);
                } catch (Throwable e) {
                    crashed.set(true);
                    e.printStackTrace();
                } finally {
                    http.close();
                    finished.countDown();
                }
            }, "worker-" + w);
            threads.add(t);
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        finished.await();
        long end = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        if (crashed.get()) {
            throw new IllegalStateException("a worker crashed");
        }
        return (end - start) / 1e9;
    }

    /** The deliveries of users [0, users) with the prefix, ready to go: signed, or keyed and connected. */
    interface Load {
        /** Sends or writes them all from C workers; returns the seconds taken. */
        double run(Latencies[] latencies, Failures failures) throws Exception;
    }

    static Load prepare(Options o, Target target, Mac mac, String prefix, long users) throws Exception {
        int c = o.concurrency;
        if (!o.jdbcLoop) {
            List<List<byte[]>> perWorker = new ArrayList<>();
            for (int w = 0; w < c; w++) {
                perWorker.add(workerRequests(target, mac, prefix, 0, users, w, c));
            }
            return (latencies, failures) -> sendAll(perWorker, target, o, latencies, failures);
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        List<List<Delivery>> perWorker = new ArrayList<>();
        for (int w = 0; w < c; w++) {
            perWorker.add(workerVersions(prefix, 0, users, w, c).stream()
                    .map(v -> new Delivery(v, deliveryKey(sha256, v.body()))).toList());
        }
        return (latencies, failures) -> writeAll(perWorker, target, o, latencies, failures);
    }

    /** Sends pre-signed per-worker request lists; returns the seconds taken. */
    static double sendAll(List<List<byte[]>> perWorker, Target target, Options o, Latencies[] latencies,
            Failures failures) throws InterruptedException {
        return runWorkers(perWorker.size(), target, o, (w, http) -> {
            for (byte[] request : perWorker.get(w)) {
                if (failures.abort.get()) {
                    return;
                }
                send(http, request, latencies == null ? null : latencies[w], failures, null);
            }
        });
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.exit(2);
            return;
        }
        Target target = Target.of(o.url);
        String prefix = "bench-" + o.runId;
        String verifyPrefix = "bench-" + (o.verifyRunId != null ? o.verifyRunId : o.runId);
        int c = o.concurrency;

        if (o.verifyOnly) {
            Verification v = verify(o.jdbc, verifyPrefix, o.users);
            System.out.println(v.report());
            System.out.printf(Locale.ROOT, "RESULT target=%s run=%s users=%d verified=%s%n", o.target, o.runId, o.users,
                    v.ok ? "ok" : "FAILED");
            System.exit(v.ok ? 0 : 1);
        }

        System.out.printf(Locale.ROOT, "%s: %s%s, C=%d, %s, run id %s%n", o.target, o.url, PATH, c,
                o.seconds > 0 ? o.seconds + " s of fresh users" : o.users + " users = " + 2L * o.users + " deliveries",
                o.runId);
        System.out.printf(Locale.ROOT, "  body sizes: create %d bytes, update %d bytes%n",
                version(prefix, 1234, false).body().getBytes(StandardCharsets.UTF_8).length,
                version(prefix, 1234, true).body().getBytes(StandardCharsets.UTF_8).length);

        Mac mac = mac(o.secret);
        Failures failures = new Failures(o.maxFailures);

        // Warm-up: its own ids, not measured; its responses are checked all the same.
        if (o.warmup > 0) {
            int warmUsers = Math.max(1, o.warmup / 2);
            double s = prepare(o, target, mac, "warm-" + o.runId, warmUsers).run(null, failures);
            System.out.printf(Locale.ROOT, "  warm-up: %d deliveries in %.2f s, %d failed%n", 2 * warmUsers, s,
                    failures.count.get());
        }

        Latencies[] latencies = new Latencies[c];
        CpuTime cpuAtStart = null;
        CpuTime cpuAtEnd = null;
        long users;
        double seconds;
        long windowStart;
        if (o.seconds == 0) {
            // Everything is signed (or keyed, and the connections open) before the clock starts.
            Load load = prepare(o, target, mac, prefix, o.users);
            for (int w = 0; w < c; w++) {
                latencies[w] = new Latencies((int) (2 * o.users / c + 1));
            }
            users = o.users;
            windowStart = System.currentTimeMillis();
            cpuAtStart = CpuTime.sample(cpuPid(o));
            seconds = failures.abort.get() ? 0 : load.run(latencies, failures);
            cpuAtEnd = CpuTime.sample(cpuPid(o));
        } else {
            windowStart = System.currentTimeMillis();
            seconds = soak(o, target, prefix, latencies, failures);
            users = soakUsers.get();
        }

        long windowEnd = System.currentTimeMillis();
        long[] all = merge(latencies);
        long deliveries = 2 * users;
        int failed = failures.count.get();
        for (String f : failures.first) {
            System.out.println("  FAILED REQUEST: " + f);
        }
        if (failures.abort.get()) {
            System.out.println("  gave up after " + failed + " failed requests, " + ATTEMPTED.get()
                    + " requests sent in all: the figures below are no measurement");
        }
        System.out.printf(Locale.ROOT, "  sent %d deliveries (%d users) in %.3f s: %.1f deliveries/s, %d failed%n",
                deliveries, users, seconds, deliveries / Math.max(seconds, 1e-9), failed);
        // The measured phase in wall-clock ms, e.g. to cut a GC log to it.
        System.out.printf(Locale.ROOT, "WINDOW start_ms=%d end_ms=%d%n", windowStart, windowEnd);
        System.out.printf(Locale.ROOT, "  latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n", pct(all, 50), pct(all, 95),
                pct(all, 99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);

        String verified;
        if ("none".equals(o.jdbc)) {
            verified = "skipped";
        } else {
            Verification v = verify(o.jdbc, verifyPrefix, users);
            System.out.println(v.report());
            verified = v.ok ? "ok" : "FAILED";
        }
        boolean ok = failed == 0 && !failures.abort.get() && !"FAILED".equals(verified);
        String cpu = cpuAtStart == null ? "" : cpuAtEnd.minus(cpuAtStart).perThousand(deliveries);
        System.out.printf(Locale.ROOT,
                "RESULT target=%s c=%d deliveries=%d seconds=%.3f rate=%.1f p50=%.2f p95=%.2f p99=%.2f failures=%d verified=%s run=%s%s%n",
                o.target, c, deliveries, seconds, deliveries / Math.max(seconds, 1e-9), pct(all, 50), pct(all, 95),
                pct(all, 99), failed, verified, o.runId, cpu);
        if (!ok) {
            System.out.println("BENCHMARK FAILED: " + (failed > 0 ? failed + " requests did not get 200 \"mirrored\"" : "")
                    + (failed > 0 && "FAILED".equals(verified) ? "; " : "")
                    + ("FAILED".equals(verified) ? "the table does not hold what was sent" : ""));
        }
        System.exit(ok ? 0 : 1);
    }

    /** Whose CPU is the server's: --server-pid's; in the JDBC loop, which has none, the generator's own. */
    static long cpuPid(Options o) {
        return o.serverPid == 0 && o.jdbcLoop ? ProcessHandle.current().pid() : o.serverPid;
    }

    /**
     * CPU seconds (user + system) used so far by the server's process, by every process of the database
     * ({@code postgres}, {@code mariadbd}; PostgreSQL's backends that exit meanwhile are not counted: the
     * pool keeps its connections) and by this generator.
     */
    record CpuTime(double server, double database, double load) {

        /** Linux's USER_HZ, the unit of /proc/<pid>/stat's times, is 100 on every architecture in use. */
        private static final double TICKS_PER_SECOND = 100;
        private static final Set<String> DATABASE_PROCESSES = Set.of("postgres", "mariadbd", "mysqld");

        static CpuTime sample(long serverPid) {
            if (serverPid == 0) {
                return null;
            }
            double database = 0;
            File[] processes = new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
            for (File process : processes == null ? new File[0] : processes) {
                if (DATABASE_PROCESSES.contains(read(new File(process, "comm")).strip())) {
                    database += seconds(Long.parseLong(process.getName()));
                }
            }
            double load = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            return new CpuTime(seconds(serverPid), database, load);
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(server - earlier.server, database - earlier.database, load - earlier.load);
        }

        /** " cpu_server=… cpu_db=… cpu_load=…", each in ms per 1,000 deliveries. */
        String perThousand(long deliveries) {
            double per = 1e6 / Math.max(deliveries, 1); // s -> ms, per 1,000 deliveries
            return String.format(Locale.ROOT, " cpu_server=%.1f cpu_db=%.1f cpu_load=%.1f", server * per, database * per,
                    load * per);
        }

        private static double seconds(long pid) {
            String stat = read(new File("/proc/" + pid + "/stat"));
            if (stat.isEmpty()) {
                return 0; // gone
            }
            // The fields after the command name (which may hold spaces): utime and stime are 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        }

        private static String read(File file) {
            try {
                return Files.readString(file.toPath());
            } catch (IOException e) {
                return "";
            }
        }
    }

    static final AtomicLong soakUsers = new AtomicLong();
    /** Requests answered or failed, warm-up included. */
    static final AtomicLong ATTEMPTED = new AtomicLong();

    /**
     * Duration mode: each worker takes chunks of --chunk fresh, consecutive user indices until the time
     * is up (or --max-users), signs each chunk just before sending it (memory stays bounded; signing is
     * outside each request's latency), and sends its creates, then its updates. A started chunk is
     * finished (unless the run gives up), so the users sent are exactly [0, soakUsers).
     */
    static double soak(Options o, Target target, String prefix, Latencies[] latencies, Failures failures)
            throws InterruptedException {
        int c = o.concurrency;
        long deadline = System.nanoTime() + o.seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        for (int w = 0; w < c; w++) {
            latencies[w] = new Latencies(1 << 12);
        }
        Thread progress = new Thread(() -> {
            long t0 = System.nanoTime();
            long last = 0;
            try {
                for (int tick = 1; ; tick++) {
                    Thread.sleep(o.progress * 1000L);
                    long now = done.get();
                    System.out.printf(Locale.ROOT, "PROGRESS t=%.0f deliveries=%d rate=%.1f failures=%d%n",
                            (System.nanoTime() - t0) / 1e9, now, (now - last) / (double) o.progress, failures.count.get());
                    last = now;
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "progress");
        progress.setDaemon(true);
        progress.start();
        double seconds = runWorkers(c, target, o, (w, http) -> {
            Mac mac = mac(o.secret);
            while (System.nanoTime() < deadline && !failures.abort.get()) {
                long from = next.getAndAdd(o.chunk);
                if (from + o.chunk > o.maxUsers) {
                    return;
                }
                // This worker's own contiguous chunk: its creates, then its updates.
                List<byte[]> requests = workerRequests(target, mac, prefix, from, from + o.chunk, 0, 1);
                for (byte[] request : requests) {
                    if (failures.abort.get()) {
                        return;
                    }
                    send(http, request, latencies[w], failures, done);
                }
                soakUsers.addAndGet(o.chunk);
            }
        });
        progress.interrupt();
        return seconds;
    }

    static long[] merge(Latencies[] latencies) {
        int n = 0;
        for (Latencies l : latencies) {
            n += l == null ? 0 : l.size;
        }
        long[] all = new long[n];
        int at = 0;
        for (Latencies l : latencies) {
            if (l != null) {
                System.arraycopy(l.values, 0, all, at, l.size);
                at += l.size;
            }
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile in milliseconds. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    // ------------------------------------------------------------------ the database alone

    /** A delivery as the receiver writes it once verified and normalized. */
    record Delivery(UserVersion version, String key) {
    }

    /**
     * The receiver's own statements for the database at hand: its {@code SqlDialect}, read from the
     * library's JAR on the class path, so that the loop runs exactly what the receiver runs.
     */
    record ReceiverSql(Object dialect, String recordDelivery, String upsert, Method setInstant) {

        static ReceiverSql of(Connection connection) throws ReflectiveOperationException, SQLException {
            Class<?> type = Class.forName("dev.capydb.authsync.internal.mirroring.SqlDialect");
            Method of = type.getDeclaredMethod("of", DatabaseMetaData.class);
            of.setAccessible(true);
            Object dialect = of.invoke(null, connection.getMetaData());
            Method setInstant = type.getDeclaredMethod("setInstant", PreparedStatement.class, int.class, Instant.class);
            setInstant.setAccessible(true);
            return new ReceiverSql(dialect, (String) call(type, dialect, "recordDelivery"), usersUpsert(type, dialect),
                    setInstant);
        }

        /** The upsert of {@code SqlDialect.statements(MirrorTable.USERS)}. */
        private static String usersUpsert(Class<?> type, Object dialect) throws ReflectiveOperationException {
            Class<?> table = Class.forName("dev.capydb.authsync.internal.mirroring.MirrorTable");
            Method statements = type.getDeclaredMethod("statements", table);
            statements.setAccessible(true);
            Object users = Arrays.stream(table.getEnumConstants()).filter(t -> t.toString().equals("USERS")).findFirst()
                    .orElseThrow();
            Object forUsers = statements.invoke(dialect, users);
            Method upsert = forUsers.getClass().getDeclaredMethod("upsert");
            upsert.setAccessible(true);
            return (String) upsert.invoke(forUsers);
        }

        private static Object call(Class<?> type, Object dialect, String name) throws ReflectiveOperationException {
            Method method = type.getDeclaredMethod(name);
            method.setAccessible(true);
            return method.invoke(dialect);
        }

        void setInstant(PreparedStatement statement, int index, Instant value) throws ReflectiveOperationException {
            setInstant.invoke(dialect, statement, index, value);
        }
    }

    /**
     * The database's own rate for the receiver's write path: each worker, on its own connection, writes
     * each delivery in a transaction of its own, with the receiver's statements (record the key; if it
     * is new, upsert the user) and the values the receiver would bind. No HTTP, JSON or HMAC.
     */
    static double writeAll(List<List<Delivery>> perWorker, Target target, Options o, Latencies[] latencies,
            Failures failures) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int w = 0; w < perWorker.size(); w++) {
                Connection connection = DriverManager.getConnection(o.jdbc);
                connections.add(connection);
                connection.setAutoCommit(false);
            }
            ReceiverSql sql = ReceiverSql.of(connections.get(0));
            return runWorkers(perWorker.size(), target, o, (w, http) -> {
                Connection connection = connections.get(w);
                try (PreparedStatement record = connection.prepareStatement(sql.recordDelivery());
                        PreparedStatement upsert = connection.prepareStatement(sql.upsert())) {
                    for (Delivery delivery : perWorker.get(w)) {
                        if (failures.abort.get()) {
                            return;
                        }
                        long start = System.nanoTime();
                        try {
                            String failure = write(sql, record, upsert, delivery);
                            connection.commit();
                            if (failure != null) {
                                failures.add(failure);
                            } else if (latencies != null) {
                                latencies[w].add(System.nanoTime() - start);
                            }
                        } catch (SQLException e) {
                            connection.rollback();
                            failures.add("SQL: " + e);
                        }
                        ATTEMPTED.incrementAndGet();
                    }
                }
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** One delivery's statements, as the receiver binds them; what went wrong, or null. */
    static String write(ReceiverSql sql, PreparedStatement record, PreparedStatement upsert, Delivery delivery)
            throws SQLException, ReflectiveOperationException {
        record.setString(1, PROVIDER);
        record.setString(2, delivery.key());
        sql.setInstant(record, 3, Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (record.executeUpdate() == 0) {
            return "delivery " + delivery.key() + " was recorded before";
        }
        UserVersion v = delivery.version();
        upsert.setString(1, v.id());
        upsert.setString(2, v.email());
        upsert.setString(3, v.first());
        upsert.setString(4, v.last());
        upsert.setString(5, v.username());
        upsert.setString(6, v.image());
        sql.setInstant(upsert, 7, v.createdAt());
        sql.setInstant(upsert, 8, v.updatedAt());
        sql.setInstant(upsert, 9, null);
        upsert.setString(10, PROVIDER);
        sql.setInstant(upsert, 11, null); // deleted_at: an upsert inserts a live row
        upsert.setString(12, v.user());
        sql.setInstant(upsert, 13, v.updatedAt());
        return upsert.executeUpdate() == 0 ? "user " + v.id() + " was not mirrored" : null;
    }

    // ------------------------------------------------------------------ verification

    static final class Verification {
        boolean ok = true;
        long rows;
        long good;
        long deliveries;
        long expectedUsers;
        int details;
        final List<String> problems = new ArrayList<>();

        /** A problem with one row: the first few are printed. */
        void detail(String p) {
            ok = false;
            if (details++ < 8) {
                problems.add(p);
            }
        }

        /** A summary problem: always printed. */
        void problem(String p) {
            ok = false;
            problems.add(p);
        }

        String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT,
                    "  verification: %d rows found, %d of %d users as last sent, %d of %d deliveries recorded: %s",
                    rows, good, expectedUsers, deliveries, 2 * expectedUsers, ok ? "ok" : "FAILED"));
            for (String p : problems) {
                sb.append("\n  VERIFY: ").append(p);
            }
            return sb.toString();
        }
    }

    /**
     * The table must hold exactly the users [0, users) of the prefix, each with its update's values
     * and not deleted, and every delivery's key (sha256: + hex SHA-256 of the body, as the receiver
     * keys CapyDB-form deliveries) must be recorded for provider better-auth.
     */
    static Verification verify(String jdbc, String prefix, long users) throws Exception {
        Verification v = new Verification();
        v.expectedUsers = users;
        BitSet seen = new BitSet();
        try (Connection connection = DriverManager.getConnection(jdbc)) {
            connection.setAutoCommit(false); // lets the driver stream with a fetch size
            // MariaDB's DATETIME holds UTC without a zone (the receiver writes it so).
            boolean zoned = !"MariaDB".equals(connection.getMetaData().getDatabaseProductName());
            try (PreparedStatement rows = connection.prepareStatement("""
                    SELECT id, email, first_name, last_name, created_at, updated_at, source_updated_at, deleted_at
                    FROM capydb_auth.users WHERE id LIKE ? ESCAPE '!'""")) {
                rows.setFetchSize(5000);
                rows.setString(1, prefix.replace("_", "!_") + "-%"); // a run id is letters, digits and _
                try (ResultSet r = rows.executeQuery()) {
                    while (r.next()) {
                        v.rows++;
                        String id = r.getString(1);
                        long i;
                        try {
                            i = Long.parseLong(id.substring(prefix.length() + 1));
                        } catch (NumberFormatException e) {
                            v.detail("unexpected row " + id);
                            continue;
                        }
                        if (i < 0 || i >= users) {
                            v.detail("unexpected row " + id + " (only " + users + " users were sent)");
                            continue;
                        }
                        seen.set((int) i);
                        UserVersion want = version(prefix, i, true);
                        Map<String, Object> mismatches = new LinkedHashMap<>();
                        check(mismatches, "email", want.email(), r.getString(2));
                        check(mismatches, "first_name", want.first(), r.getString(3));
                        check(mismatches, "last_name", want.last(), r.getString(4));
                        check(mismatches, "created_at", want.createdAt(), instant(r, 5, zoned));
                        check(mismatches, "updated_at", want.updatedAt(), instant(r, 6, zoned));
                        check(mismatches, "source_updated_at", want.updatedAt(), instant(r, 7, zoned));
                        check(mismatches, "deleted_at", null, instant(r, 8, zoned));
                        if (mismatches.isEmpty()) {
                            v.good++;
                        } else {
                            v.detail("row " + id + " differs from its last delivery: " + mismatches);
                        }
                    }
                }
            }
            if (v.rows != users) {
                v.problem("expected " + users + " rows with ids " + prefix + "-<n>, found " + v.rows);
            }
            if (seen.cardinality() != users) {
                int missing = seen.nextClearBit(0);
                v.problem((users - seen.cardinality()) + " users missing, e.g. " + prefix + "-" + missing);
            }
            if (v.good != users) {
                v.problem((users - v.good) + " of " + users + " users are not as last sent");
            }

            Set<String> recorded = new HashSet<>();
            try (PreparedStatement keys = connection.prepareStatement(
                    "SELECT delivery_id FROM capydb_auth.deliveries WHERE provider = ?")) {
                keys.setFetchSize(5000);
                keys.setString(1, PROVIDER);
                try (ResultSet r = keys.executeQuery()) {
                    while (r.next()) {
                        recorded.add(r.getString(1));
                    }
                }
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (long i = 0; i < users; i++) {
                for (boolean update : new boolean[] {false, true}) {
                    if (recorded.contains(deliveryKey(sha256, version(prefix, i, update).body()))) {
                        v.deliveries++;
                    }
                }
            }
            if (v.deliveries != 2 * users) {
                v.problem((2 * users - v.deliveries) + " of " + 2 * users
                        + " deliveries are not recorded in capydb_auth.deliveries");
            }
            connection.rollback();
        }
        return v;
    }

    static Instant instant(ResultSet r, int column, boolean zoned) throws SQLException {
        if (zoned) {
            OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        LocalDateTime t = r.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static void check(Map<String, Object> mismatches, String column, Object want, Object got) {
        if (want == null ? got != null : !want.equals(got)) {
            mismatches.put(column, "want " + want + ", got " + got);
        }
    }
}
