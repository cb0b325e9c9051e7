package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The per-key prototype Macs are cloned, never shared: results must not depend on earlier or concurrent use. */
class HmacSha256Test {

    // RFC 4231, test case 2.
    private static final String KEY = "Jefe";
    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAC =
            HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    private final HmacSha256 hmac = HmacSha256.ofUtf8Secrets(List.of(KEY));

    @Test
    void theRfc4231VectorMatchesInOnePartOrSeveralAndAgain() {
        assertTrue(hmac.matchesAny(MAC, DATA));
        assertTrue(hmac.matchesAny(MAC, new byte[0], "what do ya ".getBytes(StandardCharsets.US_ASCII),
                "want for nothing?".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(hmac.matchesAny(MAC, "what do ya want for nothing!".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(hmac.matchesAny(MAC, DATA));
    }

    @Test
    void anyKeyOfSeveralMayMatch() {
        assertTrue(HmacSha256.ofUtf8Secrets(List.of("other", KEY)).matchesAny(MAC, DATA));
        assertTrue(HmacSha256.ofUtf8Secrets(List.of(KEY, "other")).matchesAny(MAC, DATA));
        assertFalse(HmacSha256.ofUtf8Secrets(List.of("other", "another")).matchesAny(MAC, DATA));
    }

    @Test
    void concurrentVerificationsDoNotDisturbEachOther() throws Exception {
        byte[] tampered = "what do ya want for nothing.".getBytes(StandardCharsets.US_ASCII);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                boolean valid = task % 2 == 0;
                tasks.add(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (hmac.matchesAny(MAC, valid ? DATA : tampered) != valid) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : threads.invokeAll(tasks)) {
                assertTrue(result.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
