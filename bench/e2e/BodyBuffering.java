import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Second part of soak.sh: how many bytes the receiver buffers per request in flight. Opens C
 * connections and sends on each a signed Better Auth delivery whose body is just under the limit,
 * all of it but its end (the last byte, or a chunked body's last chunk), prints {@code HOLDING},
 * and waits until the file given by --release exists: meanwhile soak.sh measures the server's live
 * heap. Then it sends the rest and expects 200 from each. Before that, it checks that a declared
 * length over the limit gets 413 at once, without the body being sent at all.
 *
 * <pre>java bench/e2e/BodyBuffering.java --url http://127.0.0.1:9080 --secret S --concurrency 16 \
 *     --limit 1048576 --mode length|chunked --release /tmp/file --run-id ID</pre>
 */
public class BodyBuffering {

    static final String PATH = "/capydb-auth/webhooks/better-auth";

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:9080";
        String secret = "bench-secret";
        int c = 16;
        int limit = 1 << 20;
        String mode = "length";
        Path release = null;
        String runId = Long.toString(System.currentTimeMillis(), 36);
        int holdSeconds = 120;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--secret" -> secret = args[i + 1];
                case "--concurrency" -> c = Integer.parseInt(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--mode" -> mode = args[i + 1];
                case "--release" -> release = Path.of(args[i + 1]);
                case "--run-id" -> runId = args[i + 1];
                case "--hold-seconds" -> holdSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (release == null || !(mode.equals("length") || mode.equals("chunked"))) {
            throw new IllegalArgumentException("needs --release FILE and --mode length|chunked");
        }
        URI uri = URI.create(url);
        if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("--url must point to a loopback address");
        }
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        String host = uri.getHost() + ":" + uri.getPort();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        boolean ok = true;

        // 1. Over the limit by its declared length: 413 without the body ever being sent.
        try (Socket socket = connect(address)) {
            socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nX-Better-Auth-Signature: 00\r\nContent-Length: "
                    + (limit + 1L) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Response r = Response.read(socket.getInputStream());
            System.out.printf(Locale.ROOT, "OVERSIZED declared=%d status=%d connection=%s (no body byte sent)%n",
                    limit + 1L, r.status, r.connection);
            ok &= r.status == 413;
        }

        // 2. C bodies of limit - 1 bytes, held just before their end.
        int size = limit - 1;
        List<Socket> sockets = new ArrayList<>();
        List<byte[]> rests = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            byte[] body = body("probe-" + runId + "-" + mode + "-" + i, size);
            String signature = HexFormat.of().formatHex(mac.doFinal(body));
            String head = "POST " + PATH + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nX-Better-Auth-Signature: " + signature + "\r\n"
                    + (mode.equals("length") ? "Content-Length: " + body.length : "Transfer-Encoding: chunked")
                    + "\r\n\r\n";
            Socket socket = connect(address);
            sockets.add(socket);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (mode.equals("length")) {
                out.write(body, 0, body.length - 1);
                rests.add(Arrays.copyOfRange(body, body.length - 1, body.length));
            } else {
                for (int at = 0; at < body.length; at += 65536) {
                    int n = Math.min(65536, body.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                rests.add("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        }
        Thread.sleep(2000); // lets the server read everything that was sent
        System.out.printf(Locale.ROOT, "HOLDING c=%d mode=%s body=%d bytes each, all but its end sent%n", c, mode, size);
        System.out.flush();
        long deadline = System.nanoTime() + holdSeconds * 1_000_000_000L;
        while (!Files.exists(release) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!Files.exists(release)) {
            System.out.println("not released within " + holdSeconds + " s: sending the rest anyway");
            ok = false;
        }

        // 3. The rest of each; every one must be mirrored.
        int mirrored = 0;
        int shown = 0;
        for (int i = 0; i < c; i++) {
            sockets.get(i).getOutputStream().write(rests.get(i));
            sockets.get(i).getOutputStream().flush();
        }
        for (int i = 0; i < c; i++) {
            try (Socket socket = sockets.get(i)) {
                Response r = Response.read(socket.getInputStream());
                if (r.status == 200 && r.body.contains("\"mirrored\"")) {
                    mirrored++;
                } else if (shown++ < 3) {
                    System.out.println("  request " + i + ": HTTP " + r.status + " " + r.body);
                }
            }
        }
        System.out.printf(Locale.ROOT, "RELEASED c=%d mode=%s mirrored=%d%n", c, mode, mirrored);
        ok &= mirrored == c;
        System.exit(ok ? 0 : 1);
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        socket.setSoTimeout(180_000);
        return socket;
    }

    /** A valid Better Auth user.created body of exactly {@code size} bytes, padded in "bio". */
    static byte[] body(String id, int size) {
        String start = "{\"event\":\"user.created\",\"user\":{\"id\":\"" + id + "\",\"name\":\"Probe Sender\","
                + "\"email\":\"" + id + "@example.com\",\"createdAt\":\"2025-01-15T10:30:00.000Z\","
                + "\"updatedAt\":\"2025-01-15T10:30:00.000Z\",\"bio\":\"";
        String end = "\"}}";
        int pad = size - start.length() - end.length();
        if (pad < 0) {
            throw new IllegalArgumentException("--limit too small");
        }
        byte[] body = new byte[size];
        byte[] s = start.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, body, 0, s.length);
        Arrays.fill(body, s.length, s.length + pad, (byte) 'a');
        byte[] e = end.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(e, 0, body, size - e.length, e.length);
        return body;
    }

    /** Status, Connection header and a Content-Length body; enough for these answers. */
    record Response(int status, String connection, String body) {
        static Response read(InputStream raw) throws IOException {
            InputStream in = new BufferedInputStream(raw);
            String status = line(in);
            int code = Integer.parseInt(status.substring(9, 12));
            String connection = "keep-alive";
            int length = 0;
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (lower.startsWith("connection:")) {
                    connection = h.substring(11).trim();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(n));
                    line(in);
                }
            } else {
                body.write(in.readNBytes(length));
            }
            return new Response(code, connection, body.toString(StandardCharsets.UTF_8));
        }

        static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }
    }
}
