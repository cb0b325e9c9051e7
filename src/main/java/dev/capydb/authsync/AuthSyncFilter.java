package dev.capydb.authsync;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The receiver's signature filter, for an application that maps it in its own {@code web.xml}:
 * declared under the name {@value #NAME} with this class, its {@code <filter-mapping>} (URL
 * patterns {@code /prefix/*}, the provider id following the prefix) is where the receiver answers,
 * in the place of {@code capydb.auth.path}, and in the order the application gives its filters.
 * Without a declaration the library installs the filter itself; nothing needs this class then.
 *
 * <pre>{@code
 * <filter>
 *     <filter-name>capydb-auth-webhook-signature</filter-name>
 *     <filter-class>dev.capydb.authsync.AuthSyncFilter</filter-class>
 *     <async-supported>true</async-supported>
 * </filter>
 * <filter-mapping>
 *     <filter-name>capydb-auth-webhook-signature</filter-name>
 *     <url-pattern>/hooks/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 *
 * <p>Where the library is switched off ({@code capydb.auth.enabled=false}) the declared filter
 * answers every request 404, so the paths it is mapped to never reach anything unverified.
 */
public final class AuthSyncFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The filter's name, under which an application declares it. */
    public static final String NAME = "capydb-auth-webhook-signature";

    /**
     * The context attribute under which the library leaves the configured filter this one hands
     * requests to, as it starts; absent where it is switched off.
     */
    public static final String RECEIVER_ATTRIBUTE = AuthSyncFilter.class.getName() + ".receiver";

    /** The answer where there is no receiver, in the form of the receiver's own errors. */
    private static final byte[] SWITCHED_OFF = ("{\"status\":404,\"error\":\"unknown_provider\","
            + "\"message\":\"capydb-auth-sync is switched off\"}").getBytes(StandardCharsets.UTF_8);

    private transient Filter receiver;

    @Override
    public void init() throws ServletException {
        if (!NAME.equals(getFilterName())) {
            throw new ServletException("Declare " + AuthSyncFilter.class.getName() + " under the filter name " + NAME
                    + ", not " + getFilterName());
        }
        receiver = (Filter) getServletContext().getAttribute(RECEIVER_ATTRIBUTE);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (receiver != null) {
            receiver.doFilter(request, response, chain);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/json");
        response.getOutputStream().write(SWITCHED_OFF);
    }
}
