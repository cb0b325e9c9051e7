package dev.capydb.authsync.internal.metrics;

import dev.capydb.authsync.internal.common.AdminEndpoint;
import dev.capydb.authsync.internal.common.BearerToken;
import dev.capydb.authsync.internal.common.Problem;
import dev.capydb.authsync.internal.config.Settings.MetricsAccess;
import dev.capydb.authsync.internal.config.Settings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The Prometheus scrape endpoint, {@code GET /capydb-auth/metrics} on the application's port:
 * registered only when {@code capydb.auth.metrics.token} or {@code capydb.auth.metrics.open} enables
 * it, and with a token, answering 401 to a request without {@code Authorization: Bearer <token>}.
 */
public final class MetricsEndpoint extends AdminEndpoint {

    private static final long serialVersionUID = 1L;

    /** Where the endpoint answers, relative to the context root. */
    public static final String PATH = "/capydb-auth/metrics";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    public MetricsEndpoint(MetricsAccess access) {
        super(access.token()
                .map(secret -> new BearerToken(secret, "capydb-auth-metrics", Settings.METRICS_TOKEN))
                .orElse(null));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> text = ReceiverMetrics.current().scrape();
        if (text.isEmpty()) {
            new Problem(404, Problem.NOT_PROMETHEUS,
                    "The receiver's meters are on the application's MeterRegistry, which is not a Prometheus registry")
                    .send(response);
            return;
        }
        response.setContentType(PROMETHEUS_TEXT);
        response.getWriter().write(text.get());
    }
}
