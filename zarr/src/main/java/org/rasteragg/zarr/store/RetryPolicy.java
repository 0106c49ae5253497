package org.rasteragg.zarr.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a remote store retries a request that failed for a reason that may pass (5xx, throttling,
 * connection resets, truncated bodies, timeouts): up to {@code maxAttempts} tries, sleeping between
 * them a random time in [0, min(maxDelay, baseDelay * 2^try)) ("full jitter", so that many clients
 * throttled together do not come back together). After the last try the failure is one
 * {@link StoreIOException} line naming the request, the number of tries and the last cause.
 * Immutable and thread-safe.
 *
 * @param maxAttempts tries in all, at least 1
 * @param baseDelay the first backoff ceiling
 * @param maxDelay the largest backoff ceiling
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** 6 tries over about 10 s at most: enough for S3 SlowDown bursts and server restarts. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1: " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative: " + baseDelay + ", " + maxDelay);
        }
    }

    /** A failure that another try may cure; anything else thrown by an attempt ends the request at once. */
    public static final class TransientFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public TransientFailure(String what, Throwable cause) {
            super(what, cause);
        }
    }

    /** One try of a request. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws TransientFailure;
    }

    /**
     * Runs {@code attempt} until it returns, fails for good, or has been tried {@link #maxAttempts}
     * times.
     *
     * @param request what is asked, for the message ("GET https://host/a/0.0")
     */
    public <T> T call(String request, Attempt<T> attempt) {
        TransientFailure last = null;
        for (int i = 0; i < maxAttempts; i++) {
            if (i > 0) {
                sleep(i, request, last);
            }
            try {
                return attempt.run();
            } catch (TransientFailure e) {
                last = e;
            }
        }
        throw new StoreIOException(request + ": failed after " + maxAttempts + (maxAttempts == 1 ? " try" : " tries")
                + ", last: " + last.getMessage(), last.getCause() != null ? last.getCause() : last);
    }

    private void sleep(int retry, String request, TransientFailure last) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        long millis = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreIOException(request + ": interrupted while waiting to retry after: " + last.getMessage(), e);
        }
    }
}
