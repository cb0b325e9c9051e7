package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CachedBodyRequestTest {

    private static final byte[] BODY = "{\"event\":\"user.created\",\"user\":{\"id\":\"é\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyCallGetsTheSameStreamSoAReaderThatAsksPerReadStillReachesTheEnd() throws Exception {
        CachedBodyRequest request = new CachedBodyRequest(containerRequest(), BODY);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk = new byte[7];
        int n;
        // Jersey 3.1.8+ calls getInputStream() again for each read (eclipse-ee4j/jersey#5739); a fresh
        // stream per call would restart the body and never end, hence the bound.
        while (read.size() <= BODY.length && (n = request.getInputStream().read(chunk, 0, chunk.length)) != -1) {
            read.write(chunk, 0, n);
        }

        assertArrayEquals(BODY, read.toByteArray());
        assertSame(request.getInputStream(), request.getInputStream());
        assertTrue(request.getInputStream().isFinished());
        assertEquals(BODY.length, request.getContentLengthLong());
    }

    @Test
    void theReaderDecodesUtf8AndExcludesTheStreamAsTheServletSpecSays() throws Exception {
        CachedBodyRequest request = new CachedBodyRequest(containerRequest(), BODY);

        assertEquals(new String(BODY, StandardCharsets.UTF_8), request.getReader().readLine());
        assertSame(request.getReader(), request.getReader());
        assertThrows(IllegalStateException.class, request::getInputStream);
        ServletInputStream other = new CachedBodyRequest(containerRequest(), BODY).getInputStream();
        assertEquals('{', other.read());
    }

    /** The container's request: no character encoding declared; nothing else is asked of it. */
    private static HttpServletRequest containerRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCharacterEncoding")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
