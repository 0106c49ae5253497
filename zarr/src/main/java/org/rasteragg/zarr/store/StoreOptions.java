package org.rasteragg.zarr.store;

import java.net.URI;
import java.time.Duration;

/**
 * How {@link Stores#open} reaches a remote store. Local paths ignore every option. Immutable.
 *
 * @param anonymous S3: send unsigned requests (public buckets), never look for credentials
 * @param endpoint S3: an S3-compatible server (MinIO, Ceph, s3proxy) addressed path-style; null = the
 *     {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} environment variable, else AWS
 * @param region S3: the signing region; null = the SDK's default region chain, else us-east-1
 * @param retry how failed requests are retried
 * @param requestTimeout the most one request (headers and body) may take before it is retried
 */
public record StoreOptions(boolean anonymous, URI endpoint, String region, RetryPolicy retry, Duration requestTimeout) {

    public static final StoreOptions DEFAULT = new StoreOptions(false, null, null, RetryPolicy.DEFAULT,
            Duration.ofSeconds(60));

    public StoreOptions {
        if (retry == null) {
            throw new IllegalArgumentException("retry policy must not be null");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
    }

    public StoreOptions withAnonymous(boolean value) {
        return new StoreOptions(value, endpoint, region, retry, requestTimeout);
    }

    public StoreOptions withEndpoint(URI value) {
        return new StoreOptions(anonymous, value, region, retry, requestTimeout);
    }

    public StoreOptions withRegion(String value) {
        return new StoreOptions(anonymous, endpoint, value, retry, requestTimeout);
    }

    public StoreOptions withRetry(RetryPolicy value) {
        return new StoreOptions(anonymous, endpoint, region, value, requestTimeout);
    }

    public StoreOptions withRequestTimeout(Duration value) {
        return new StoreOptions(anonymous, endpoint, region, retry, value);
    }
}
