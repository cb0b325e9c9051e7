package dev.capydb.authsync.internal;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error answer of the receiver: the HTTP status, a stable machine-readable code and a sentence
 * for people. Never carries request content, signatures or secrets.
 */
public record Problem(int status, String code, String message) {

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
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(toJson());
    }
}
