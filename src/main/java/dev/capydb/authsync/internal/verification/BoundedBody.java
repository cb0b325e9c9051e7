package dev.capydb.authsync.internal.verification;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a request body into memory, but never more than the limit plus one byte. */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(InputStream in, long declaredLength, int limit) throws IOException {
        if (declaredLength > limit) {
            throw new BodyTooLargeException();
        }
        // Trust a declared length only for sizing the buffer, never for how much is read.
        byte[] buffer = new byte[declaredLength >= 0 ? (int) declaredLength : Math.min(limit, 8192)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > limit) {
                    throw new BodyTooLargeException();
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) limit + 1, Math.max(16L, 2L * length)));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
            }
            length += read;
        }
    }
}
