package dev.capydb.authsync.internal.verification;

/**
 * A delivery whose signature the filter has checked: the provider's id, the sender's delivery id if the
 * scheme has one, the exact bytes that were verified, and {@link System#nanoTime()} when the filter
 * took the request. The filter leaves it as a request attribute; the resource refuses any request
 * that does not carry it.
 */
public record VerifiedDelivery(String provider, String deliveryId, byte[] body, long receivedNanos) {

    public static final String ATTRIBUTE = VerifiedDelivery.class.getName();
}
