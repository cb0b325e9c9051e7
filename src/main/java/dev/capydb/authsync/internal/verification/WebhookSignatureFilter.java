package dev.capydb.authsync.internal.verification;

import dev.capydb.authsync.internal.common.Problem;
import dev.capydb.authsync.internal.common.WebhookLog;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guards the webhook endpoint: buffers the raw body up to the configured limit, checks the
 * provider's signature over exactly those bytes, and only then lets the request through to JAX-RS
 * with the same bytes. Everything it refuses is refused before any parsing and before any write.
 *
 * <p>It answers on its public paths ({@code capydb.auth.path}, or the application's own mapping of
 * it). Verified requests on a path other than the receiver's JAX-RS path (fixed at build time) are
 * forwarded there; requests that address the JAX-RS path without it being public are refused.
 */
public final class WebhookSignatureFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The public paths without their {@code /*}. */
    private final List<String> publicPrefixes;
    private final String servletPrefix;
    private final int maxBodyBytes;
    private final Map<String, SignatureScheme> schemes;

    /**
     * A filter for the providers in {@code schemes}; any other answers 404.
     *
     * @param publicPaths the URL patterns it answers on, each {@code /prefix/*}, the provider id following the prefix
     * @param schemes the signature scheme of each enabled provider, by provider id (the path segment)
     * @param maxBodyBytes the largest body it reads; a larger one is refused with 413
     * @param servletPrefix the receiver's JAX-RS path, such as {@code /capydb-auth/webhooks}
     */
    public WebhookSignatureFilter(List<String> publicPaths, Map<String, SignatureScheme> schemes, int maxBodyBytes,
            String servletPrefix) {
        this.publicPrefixes = publicPaths.stream().map(WebhookSignatureFilter::prefixOf).toList();
        this.servletPrefix = servletPrefix;
        this.maxBodyBytes = maxBodyBytes;
        this.schemes = Map.copyOf(schemes);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String publicPrefix = publicPrefixOf(path);
        String segment = publicPrefix == null ? path : path.substring(publicPrefix.length() + 1);
        if (!schemes.containsKey(segment)) {
            refuse(request, response, segment, Problem.NO_RECEIVER);
            return;
        }
        String provider = segment;
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            refuse(request, response, provider, new Problem(405, Problem.METHOD_NOT_ALLOWED, "Webhooks are delivered with POST"));
            return;
        }
        if (!isJson(request.getContentType())) {
            refuse(request, response, provider,
                    new Problem(415, Problem.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json in UTF-8"));
            return;
        }
        byte[] body;
        try {
            body = BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
        } catch (BodyTooLargeException e) {
            // The unread rest of the body is not drained: the connection is closed instead.
            response.setHeader("Connection", "close");
            refuse(request, response, provider,
                    new Problem(413, Problem.BODY_TOO_LARGE, "The body exceeds " + maxBodyBytes + " bytes"));
            return;
        } catch (IOException e) {
            // The sender broke off or stalled past the container's read timeout: nothing was processed.
            refuse(request, response, provider,
                    new Problem(400, Problem.BODY_UNREADABLE, "The request body could not be read completely"));
            return;
        }
        SignatureScheme.HeaderLookup headers = name -> combined(request, name);
        String deliveryId;
        try {
            deliveryId = schemes.get(provider).verify(headers, body).orElse(null);
        } catch (SignatureVerificationException e) {
            refuse(request, response, provider, new Problem(401, Problem.INVALID_SIGNATURE, e.getMessage()),
                    e.reason());
            return;
        }
        request.setAttribute(VerifiedDelivery.ATTRIBUTE, new VerifiedDelivery(provider, deliveryId, body, start));
        CachedBodyRequest verified = new CachedBodyRequest(request, body);
        if (publicPrefix.equals(servletPrefix)) {
            chain.doFilter(verified, response);
        } else {
            request.getRequestDispatcher(servletPrefix + "/" + provider).forward(verified, response);
        }
    }

    /** The public prefix {@code path} is under, or {@code null}. */
    private String publicPrefixOf(String path) {
        for (String prefix : publicPrefixes) {
            if (path.startsWith(prefix + "/")) {
                return prefix;
            }
        }
        return null;
    }

    /**
     * A header sent on several lines as one value joined by commas, as HTTP defines it. A scheme thus
     * never verifies one line of a repeated header while the application might read another.
     */
    private static String combined(HttpServletRequest request, String name) {
        List<String> values = Collections.list(request.getHeaders(name));
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** {@code /a/b/*} to {@code /a/b}. */
    private static String prefixOf(String urlPattern) {
        return urlPattern.substring(0, urlPattern.length() - "/*".length());
    }

    /** JSON ({@code application/json} or {@code application/…+json}), in UTF-8 if a charset is named. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].strip();
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("charset=")
                    && !parameter.substring("charset=".length()).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String provider,
            Problem problem) throws IOException {
        refuse(request, response, provider, problem, null);
    }

    /** Logs and counts the refusal; {@code signature} is why the signature check failed, or {@code null}. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String provider,
            Problem problem, SignatureVerificationException.Reason signature) throws IOException {
        WebhookLog.get().rejected(provider, signature == null ? problem.code()
                : problem.code() + "/" + signature.name().toLowerCase(Locale.ROOT),
                problem.status(), request.getRemoteAddr());
        ReceiverMetrics.current().rejected(provider,
                signature == SignatureVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE
                        ? ReceiverMetrics.STALE_TIMESTAMP : problem.code());
        problem.send(response);
    }
}
