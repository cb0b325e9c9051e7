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
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        long maxUsers = 2_000_000;
        int chunk = 50;
        int progress = 60;
        int timeoutMs = 30_000;
        int maxFailures = 50;
        long serverPid;
    }

    static final String HELP = """
            Usage: java -cp <postgresql-jdbc.jar> bench/e2e/LoadGenerator.java [options]

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
              --server-pid PID     also report the CPU the server's process, every PostgreSQL process
                                   and this generator used during the measured window, in ms per
                                   1,000 deliveries (cpu_server=… cpu_db=… cpu_load=…; Linux /proc)
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
        if (!o.runId.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("--run-id: letters, digits and _ only");
        }
        return o;
    }

    // ------------------------------------------------------------------ deliveries

    /** Everything a delivery's body says about its user; a pure function of (prefix, index, update). */
    record UserVersion(String id, String name, String first, String last, String email, Instant createdAt,
            Instant updatedAt, String body) {
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
        String body = "{\"event\":\"" + (update ? "user.updated" : "user.created") + "\",\"user\":{"
                + "\"id\":\"" + id + "\","
                + "\"name\":\"" + name + "\","
                + "\"email\":\"" + email + "\","
                + "\"emailVerified\":" + (update || i % 3 == 0) + ","
                + "\"image\":\"https://avatars.example.com/u/" + id + "/profile.png?size=256&v=" + (update ? 2 : 1) + "\","
                + "\"createdAt\":\"" + RFC3339_MILLIS.format(createdAt) + "\","
                + "\"updatedAt\":\"" + RFC3339_MILLIS.format(updatedAt) + "\","
                + "\"username\":\"" + username + "\","
                + "\"displayUsername\":\"" + first + "_" + LAST[l] + "\","
                + "\"role\":\"user\",\"banned\":false,\"banReason\":null,\"banExpires\":null,"
                + "\"twoFactorEnabled\":" + (i % 4 == 0) + ","
                + "\"lang\":\"" + (i % 2 == 0 ? "en-GB" : "fr-FR") + "\"}}";
        return new UserVersion(id, name, first, last, email, createdAt, updatedAt, body);
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

    /** Worker w's requests for users [from, to): its creates in order, then its updates in order. */
    static List<byte[]> workerRequests(Target target, Mac mac, String prefix, long from, long to, int w, int c) {
        List<byte[]> out = new ArrayList<>();
        long start = from + Math.floorMod(w - from, c);
        for (int pass = 0; pass < 2; pass++) {
            for (long i = start; i < to; i += c) {
                out.add(request(target, mac, version(prefix, i, pass == 1).body().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
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
            List<List<byte[]>> warm = new ArrayList<>();
            for (int w = 0; w < c; w++) {
                warm.add(workerRequests(target, mac, "warm-" + o.runId, 0, warmUsers, w, c));
            }
            double s = sendAll(warm, target, o, null, failures);
            System.out.printf(Locale.ROOT, "  warm-up: %d deliveries in %.2f s, %d failed%n", 2 * warmUsers, s,
                    failures.count.get());
            warm.clear();
        }

        Latencies[] latencies = new Latencies[c];
        CpuTime cpuAtStart = null;
        CpuTime cpuAtEnd = null;
        long users;
        double seconds;
        long windowStart;
        if (o.seconds == 0) {
            // Everything is signed before the clock starts.
            List<List<byte[]>> perWorker = new ArrayList<>();
            for (int w = 0; w < c; w++) {
                perWorker.add(workerRequests(target, mac, prefix, 0, o.users, w, c));
                latencies[w] = new Latencies(perWorker.get(w).size());
            }
            users = o.users;
            windowStart = System.currentTimeMillis();
            cpuAtStart = CpuTime.sample(o.serverPid);
            seconds = failures.abort.get() ? 0 : sendAll(perWorker, target, o, latencies, failures);
            cpuAtEnd = CpuTime.sample(o.serverPid);
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
        String cpu = o.serverPid == 0 || cpuAtStart == null ? "" : cpuAtEnd.minus(cpuAtStart).perThousand(deliveries);
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

    /**
     * CPU seconds (user + system) used so far by the server's process, by every process named
     * {@code postgres} (backends that exit meanwhile are not counted: the pool keeps its connections)
     * and by this generator.
     */
    record CpuTime(double server, double database, double load) {

        /** Linux's USER_HZ, the unit of /proc/<pid>/stat's times, is 100 on every architecture in use. */
        private static final double TICKS_PER_SECOND = 100;

        static CpuTime sample(long serverPid) {
            if (serverPid == 0) {
                return null;
            }
            double database = 0;
            File[] processes = new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
            for (File process : processes == null ? new File[0] : processes) {
                if ("postgres".equals(read(new File(process, "comm")).strip())) {
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
            try (PreparedStatement rows = connection.prepareStatement("""
                    SELECT id, email, first_name, last_name, created_at, updated_at, source_updated_at, deleted_at
                    FROM capydb_auth.users WHERE starts_with(id, ?)""")) {
                rows.setFetchSize(5000);
                rows.setString(1, prefix + "-");
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
                        check(mismatches, "created_at", want.createdAt(), instant(r.getObject(5, OffsetDateTime.class)));
                        check(mismatches, "updated_at", want.updatedAt(), instant(r.getObject(6, OffsetDateTime.class)));
                        check(mismatches, "source_updated_at", want.updatedAt(),
                                instant(r.getObject(7, OffsetDateTime.class)));
                        check(mismatches, "deleted_at", null, instant(r.getObject(8, OffsetDateTime.class)));
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

            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            HexFormat hex = HexFormat.of();
            List<String> keys = new ArrayList<>(5000);
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*) FROM capydb_auth.deliveries WHERE provider = ? AND delivery_id = ANY (?)")) {
                for (long i = 0; i < users; i++) {
                    for (boolean update : new boolean[] {false, true}) {
                        byte[] body = version(prefix, i, update).body().getBytes(StandardCharsets.UTF_8);
                        keys.add("sha256:" + hex.formatHex(sha256.digest(body)));
                    }
                    if (keys.size() >= 5000 || i == users - 1) {
                        Array array = connection.createArrayOf("text", keys.toArray());
                        count.setString(1, PROVIDER);
                        count.setArray(2, array);
                        try (ResultSet r = count.executeQuery()) {
                            r.next();
                            v.deliveries += r.getLong(1);
                        }
                        array.free();
                        keys.clear();
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

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static void check(Map<String, Object> mismatches, String column, Object want, Object got) {
        if (want == null ? got != null : !want.equals(got)) {
            mismatches.put(column, "want " + want + ", got " + got);
        }
    }
}
