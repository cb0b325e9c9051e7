package dev.capydb.authsync.it.war;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A filter of the host application, as many are: declared in {@code web.xml} without
 * {@code async-supported}, so that no request it passes can be suspended. It marks the responses
 * it passed, so a test can tell it ran.
 */
public class HostFilter implements Filter {

    public static final String HEADER = "X-Host-Filter";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader(HEADER, "passed");
        chain.doFilter(request, response);
    }
}
