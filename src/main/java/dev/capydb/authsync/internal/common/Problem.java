package dev.capydb.authsync.internal.common;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * An error answer of the receiver: the HTTP status, a stable machine-readable code and a sentence
 * for people. Never carries request content, signatures or secrets. The codes are the constants
 * below, and nowhere else: they are the {@code error} senders and operators see, and the
 * {@code reason} of the rejection counter.
 */
public record Problem(int status, String code, String message) {

    // Answers to webhook deliveries.
    public static final String UNKNOWN_PROVIDER = "unknown_provider";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String BODY_TOO_LARGE = "body_too_large";
    public static final String BODY_UNREADABLE = "body_unreadable";
    public static final String INVALID_SIGNATURE = "invalid_signature";
    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String UNSTORABLE_PAYLOAD = "unstorable_payload";
    public static final String UNAVAILABLE = "unavailable";

    // Answers of the operators' endpoints (metrics, backfill).
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String NOT_FOUND = "not_found";
    public static final String NOT_PROMETHEUS = "not_prometheus";
    public static final String NO_SUCH_EXECUTION = "no_such_execution";
    public static final String BACKFILL_REFUSED = "backfill_refused";
    public static final String NO_SUCH_RUN = "no_such_run";
    public static final String INVALID_PARAMETER = "invalid_parameter";
    public static final String RECONCILIATION_REFUSED = "reconciliation_refused";

    /**
     * The answer on a path that names no enabled provider, whether the filter or the resource finds
     * it: the same for a provider without a secret as for one that does not exist.
     */
    public static final Problem NO_RECEIVER =
            new Problem(404, UNKNOWN_PROVIDER, "No webhook receiver is configured at this path");

    /** Resolved once: {@code Json.createObjectBuilder()} looks the provider up anew on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** {@code {"status":401,"error":"invalid_signature","message":"…"}} */
    public String toJson() {
        return JSON.createObjectBuilder()
                .add("status", status)
                .add("error", code)
                .add("message", message)
                .build()
                .toString();
    }

    /** Answers with this problem, as JSON. */
    public void send(HttpServletResponse response) throws IOException {
        JsonAnswer.send(response, status, toJson());
    }
}
