package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void readsBodiesUpToTheLimitWithOrWithoutADeclaredLength() throws Exception {
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), -1, 100_000));
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), body.length, 100_000));
        assertArrayEquals(new byte[0], BoundedBody.read(new ByteArrayInputStream(new byte[0]), -1, 10));
        assertArrayEquals(new byte[0], BoundedBody.read(new ByteArrayInputStream(new byte[0]), 0, 10));
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadWholeEitherWay() throws Exception {
        byte[] body = new byte[1024];
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), body.length, 1024));
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), -1, 1024));
        assertThrows(BodyTooLargeException.class, () -> BoundedBody.read(new ByteArrayInputStream(new byte[1025]), -1, 1024));
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        CountingStream in = new CountingStream(1_000);
        assertThrows(BodyTooLargeException.class, () -> BoundedBody.read(in, 1_000, 999));
        assertEquals(0, in.read.get());
    }

    @Test
    void stopsReadingOneByteAfterTheLimit() {
        CountingStream in = new CountingStream(10_000_000);
        assertThrows(BodyTooLargeException.class, () -> BoundedBody.read(in, -1, 1024));
        assertEquals(1025, in.read.get());
        // A declared length that lies is not trusted either.
        CountingStream liar = new CountingStream(10_000_000);
        assertThrows(BodyTooLargeException.class, () -> BoundedBody.read(liar, 10, 1024));
        assertEquals(1025, liar.read.get());
    }

    /** An endless-ish stream that counts what was taken from it. */
    private static final class CountingStream extends InputStream {
        private final long size;
        final AtomicLong read = new AtomicLong();

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return read.get() < size ? (int) (read.incrementAndGet() & 0x7f) : -1;
        }
    }
}
