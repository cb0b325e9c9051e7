package dev.capydb.authsync.internal.common;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonStructure;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An operators' endpoint of the receiver under {@code /capydb-auth/} (metrics, backfill,
 * reconciliation): it admits only requests that carry its bearer token, and answers a call with its
 * JSON, or a refusal with a {@link Problem}.
 */
public abstract class AdminEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Resolved once: {@code Json.createObjectBuilder()} looks the provider up anew on every call. */
    protected static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** {@code null} for an endpoint open to every request. */
    private final transient BearerToken token;

    /** @param token what a request must carry; {@code null} for an endpoint open to every request */
    protected AdminEndpoint(BearerToken token) {
        this.token = token;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (token == null || token.admits(request, response)) {
            super.service(request, response);
        }
    }

    /**
     * Answers {@code status} with what {@code call} returns, or the problem {@link #refusal} makes of
     * its failure.
     */
    protected final void answer(HttpServletResponse response, int status, Supplier<JsonStructure> call)
            throws IOException {
        JsonStructure answer;
        try {
            answer = call.get();
        } catch (RuntimeException failure) {
            Problem refusal = refusal(failure);
            if (refusal == null) {
                throw failure;
            }
            refusal.send(response);
            return;
        }
        JsonAnswer.send(response, status, answer.toString());
    }

    /**
     * The problem a call's failure is answered with; {@code null}, as here, for a failure of the server
     * (500).
     */
    protected Problem refusal(RuntimeException failure) {
        return null;
    }
}
