package dev.capydb.authsync.internal.metrics;

import dev.capydb.authsync.internal.Problem;
import dev.capydb.authsync.internal.config.Settings.MetricsAccess;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The Prometheus scrape endpoint, {@code GET /capydb-auth/metrics} on the application's port:
 * registered only when {@code capydb.auth.metrics.token} or {@code capydb.auth.metrics.open} enables
 * it, and with a token, answering 401 to a request without {@code Authorization: Bearer <token>}.
 */
public final class MetricsEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the endpoint answers, relative to the context root. */
    public static final String PATH = "/capydb-auth/metrics";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";

    /** The token's SHA-256, or {@code null} when the endpoint is open. */
    private final byte[] tokenDigest;

    public MetricsEndpoint(MetricsAccess access) {
        this.tokenDigest = access.token().map(MetricsEndpoint::sha256).orElse(null);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (tokenDigest != null && !authorized(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"capydb-auth-metrics\"");
            new Problem(401, "unauthorized", "The metrics need the bearer token of capydb.auth.metrics.token")
                    .send(response);
            return;
        }
        Optional<String> text = ReceiverMetrics.current().scrape();
        if (text.isEmpty()) {
            new Problem(404, "not_prometheus",
                    "The receiver's meters are on the application's MeterRegistry, which is not a Prometheus registry")
                    .send(response);
            return;
        }
        response.setContentType(PROMETHEUS_TEXT);
        response.getWriter().write(text.get());
    }

    /**
     * Compares digests, which have one length whatever was sent, in constant time: neither the
     * token's content nor its length shows in the time of the answer.
     */
    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(sha256(authorization.substring(BEARER.length()).strip()), tokenDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
