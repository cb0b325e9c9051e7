package dev.capydb.authsync.internal.common;

import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The receiver's log of deliveries, one line each, on two loggers an operator can tune apart:
 *
 * <ul>
 * <li>{@code dev.capydb.authsync.rejections} at WARNING: every delivery refused, with provider,
 * reason, status and remote address. A flood of forgeries must not fill the disk, so at most
 * {@value #REJECTIONS_PER_WINDOW} lines per minute are written, and the next line written says how
 * many were left out.
 * <li>{@code dev.capydb.authsync.deliveries} at FINE (DEBUG): every delivery accepted, with provider,
 * event, delivery id, user id (and organization id, for an organization's or a membership's event),
 * outcome and milliseconds. Off by default, so that the log costs
 * nothing at thousands of deliveries a second.
 * </ul>
 *
 * Neither ever holds a body, a signature or a secret; values taken from the request (the path's
 * provider segment) are cut short and stripped of anything but plain characters.
 */
public final class WebhookLog {

    static final String REJECTIONS = "dev.capydb.authsync.rejections";
    static final String DELIVERIES = "dev.capydb.authsync.deliveries";
    static final int REJECTIONS_PER_WINDOW = 20;
    static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_VALUE_LENGTH = 128;

    private static final WebhookLog INSTANCE = new WebhookLog(System::nanoTime);

    private final Logger rejections = Logger.getLogger(REJECTIONS);
    private final Logger deliveries = Logger.getLogger(DELIVERIES);
    private final LongSupplier nanoTime;
    private long windowStart;
    private int loggedInWindow;
    private long suppressed;

    WebhookLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** The log of this application (the class is loaded once per application). */
    public static WebhookLog get() {
        return INSTANCE;
    }

    /**
     * A delivery refused with {@code status}.
     *
     * @param provider the provider's id, or the path segment that named none
     * @param reason the error code of the answer, with a detail after a slash where one helps
     *     ({@code invalid_signature/mismatch})
     */
    public void rejected(String provider, String reason, int status, String remoteAddress) {
        if (!rejections.isLoggable(Level.WARNING)) {
            return;
        }
        long left;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - windowStart >= WINDOW_NANOS) {
                windowStart = now;
                loggedInWindow = 0;
            }
            if (loggedInWindow == REJECTIONS_PER_WINDOW) {
                suppressed++;
                return;
            }
            loggedInWindow++;
            left = suppressed;
            suppressed = 0;
        }
        rejections.log(Level.WARNING, "Rejected webhook: provider={0} reason={1} status={2} remote={3}{4}",
                new Object[] {plain(provider), reason, Integer.toString(status), plain(remoteAddress),
                        left == 0 ? "" : " (" + left + " earlier rejections not logged: at most "
                                + REJECTIONS_PER_WINDOW + " lines a minute)"});
    }

    /**
     * A delivery accepted: {@code outcome} is the status the sender was answered.
     *
     * @param userId the user the event is about, or {@code null}
     * @param organizationId the organization the event is about, or {@code null}: logged only when there is one
     */
    public void accepted(String provider, String event, String deliveryId, String userId, String organizationId,
            String outcome, long elapsedNanos) {
        if (deliveries.isLoggable(Level.FINE)) {
            deliveries.log(Level.FINE, "Delivery: provider={0} event={1} id={2} user={3}{4} outcome={5} ms={6}",
                    new Object[] {provider, plain(event), plain(deliveryId), plain(userId),
                            organizationId == null ? "" : " organization=" + plain(organizationId), outcome,
                            Long.toString(elapsedNanos / 1_000_000)});
        }
    }

    /** {@code value} cut to a bounded length, each character outside printable ASCII as {@code ?}. */
    static String plain(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder plain = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
        for (int i = 0; i < value.length() && i < MAX_VALUE_LENGTH; i++) {
            char c = value.charAt(i);
            plain.append(c > ' ' && c < 0x7f ? c : '?');
        }
        return value.length() > MAX_VALUE_LENGTH ? plain.append("…").toString() : plain.toString();
    }
}
