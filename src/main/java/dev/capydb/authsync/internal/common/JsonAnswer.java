package dev.capydb.authsync.internal.common;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The answer of an admin call, or a refusal ({@link Problem}): a status and a JSON body in UTF-8. */
public final class JsonAnswer {

    private JsonAnswer() {
    }

    public static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json);
    }
}
