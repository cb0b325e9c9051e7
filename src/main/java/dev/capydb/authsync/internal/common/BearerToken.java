package dev.capydb.authsync.internal.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A secret that admits requests carrying {@code Authorization: Bearer <secret>}: the receiver's
 * own endpoints for operators (metrics, backfill). It keeps only the secret's SHA-256 and compares
 * digests, which have one length whatever was sent, in constant time: neither the secret's content
 * nor its length shows in the time of the answer.
 */
public final class BearerToken {

    private static final String BEARER = "Bearer ";

    private final byte[] digest;
    private final String realm;
    private final String setting;

    /**
     * @param realm names the endpoint in the {@code WWW-Authenticate} challenge
     * @param setting the key that holds the secret, named in the 401's message (never the secret)
     */
    public BearerToken(String secret, String realm, String setting) {
        this.digest = sha256(secret);
        this.realm = realm;
        this.setting = setting;
    }

    /** Whether the request carries the secret; if not, answers 401 with a challenge. */
    public boolean admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(sha256(authorization.substring(BEARER.length()).strip()), digest)) {
            return true;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        new Problem(401, Problem.UNAUTHORIZED, "This needs the bearer token of " + setting).send(response);
        return false;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
