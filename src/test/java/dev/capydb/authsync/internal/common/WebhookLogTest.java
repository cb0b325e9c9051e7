package dev.capydb.authsync.internal.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookLogTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final WebhookLog log = new WebhookLog(clock::get);
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        for (String name : List.of(WebhookLog.REJECTIONS, WebhookLog.DELIVERIES)) {
            Logger.getLogger(name).addHandler(capture);
            Logger.getLogger(name).setUseParentHandlers(false);
        }
    }

    @AfterEach
    void release() {
        for (String name : List.of(WebhookLog.REJECTIONS, WebhookLog.DELIVERIES)) {
            Logger.getLogger(name).removeHandler(capture);
            Logger.getLogger(name).setUseParentHandlers(true);
            Logger.getLogger(name).setLevel(null);
        }
    }

    @Test
    void aRejectionIsOneWarningLineWithProviderReasonStatusAndRemoteAddress() {
        log.rejected("clerk", "invalid_signature/mismatch", 401, "203.0.113.7");
        assertEquals(List.of("WARNING Rejected webhook: provider=clerk reason=invalid_signature/mismatch status=401 remote=203.0.113.7"),
                lines);
    }

    @Test
    void aFloodIsCutToTwentyLinesAMinuteAndTheNextLineCountsWhatWasLeftOut() {
        for (int i = 0; i < 25; i++) {
            log.rejected("banata", "invalid_signature/mismatch", 401, "203.0.113.7");
        }
        assertEquals(20, lines.size());
        clock.addAndGet(WebhookLog.WINDOW_NANOS - 1);
        log.rejected("banata", "invalid_signature/mismatch", 401, "203.0.113.7");
        assertEquals(20, lines.size(), "still the same minute");

        clock.addAndGet(1);
        log.rejected("banata", "body_too_large", 413, "203.0.113.8");
        assertEquals("WARNING Rejected webhook: provider=banata reason=body_too_large status=413 remote=203.0.113.8"
                + " (6 earlier rejections not logged: at most 20 lines a minute)", lines.get(20));
        log.rejected("banata", "body_too_large", 413, "203.0.113.8");
        assertTrue(lines.get(21).endsWith("remote=203.0.113.8"), "counted once: " + lines.get(21));
    }

    @Test
    void whatTheSenderChoseIsCutShortAndCannotForgeLines() {
        log.rejected("evil\r\nWARNING Rejected webhook: provider=x" + "a".repeat(500), "unknown_provider", 404, "::1");
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(line.startsWith("WARNING Rejected webhook: provider=evil??WARNING?Rejected?webhook:?provider=xaaa"), line);
        assertTrue(line.contains("a…"), line);
        assertTrue(line.length() < 250, line);
    }

    @Test
    void acceptedDeliveriesAreLoggedOnlyWhenTheirLoggerIsAtFine() {
        log.accepted("better-auth", "user.created", "sha256:ab12", "usr_1", null, "mirrored", 3_400_000);
        assertEquals(List.of(), lines, "FINE is off by default");

        Logger.getLogger(WebhookLog.DELIVERIES).setLevel(Level.FINE);
        log.accepted("better-auth", "user.created", "sha256:ab12", "usr_1", null, "mirrored", 3_400_000);
        log.accepted("better-auth", "session.created", "sha256:cd34", null, null, "not_mirrored", 1_000_000);
        log.accepted("banata", "member.added", "msg_1", "usr_1", "org_1", "mirrored", 2_000_000);
        log.accepted("clerk", "organization.deleted", "msg_2", null, "org_1", "duplicate", 1_000_000);
        assertEquals(List.of(
                "FINE Delivery: provider=better-auth event=user.created id=sha256:ab12 user=usr_1 outcome=mirrored ms=3",
                "FINE Delivery: provider=better-auth event=session.created id=sha256:cd34 user=- outcome=not_mirrored ms=1",
                "FINE Delivery: provider=banata event=member.added id=msg_1 user=usr_1 organization=org_1 outcome=mirrored ms=2",
                "FINE Delivery: provider=clerk event=organization.deleted id=msg_2 user=- organization=org_1 outcome=duplicate ms=1"),
                lines);
    }
}
