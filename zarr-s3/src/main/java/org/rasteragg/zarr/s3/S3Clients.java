package org.rasteragg.zarr.s3;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rasteragg.zarr.store.StoreOptions;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds and shares {@link S3Client}s: one per distinct connection setting for the life of the JVM,
 * so that every store opened on a bucket (and every Spark task in an executor) reuses one
 * connection pool. Thread-safe.
 *
 * <p>Credentials: the SDK's default chain (environment, system properties, profile files with SSO,
 * web identity, container and instance roles), or none at all with {@link StoreOptions#anonymous()}
 * (public buckets). Region: the option, else the SDK's default region chain, else us-east-1.
 * Endpoint: the option, else {@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}; a custom
 * endpoint is addressed path-style (what MinIO, Ceph and s3proxy expect) and gets checksums only
 * where S3 requires them (several S3-compatible servers reject the SDK's default trailing checksums).
 * The SDK's own retries are off: {@link S3Store} retries with the store's {@link
 * org.rasteragg.zarr.store.RetryPolicy}, like every remote store.
 */
final class S3Clients {

    private record Key(boolean anonymous, URI endpoint, String region, long timeoutMillis) {
    }

    /** Kept-alive connections per client: above the requests a prefetch keeps in flight. */
    static final int MAX_CONNECTIONS = 64;

    private static final Map<Key, S3Client> CLIENTS = new ConcurrentHashMap<>();

    private S3Clients() {
    }

    /** The shared client for {@code options} (endpoint resolved against the process environment). */
    static S3Client client(StoreOptions options) {
        URI endpoint = endpoint(options, System.getenv());
        Key key = new Key(options.anonymous(), endpoint, region(options), options.requestTimeout().toMillis());
        return CLIENTS.computeIfAbsent(key, S3Clients::build);
    }

    /** The endpoint to use: the option, then {@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL}; null = AWS. */
    static URI endpoint(StoreOptions options, Map<String, String> env) {
        if (options.endpoint() != null) {
            return options.endpoint();
        }
        for (String name : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                try {
                    URI uri = URI.create(v.trim());
                    if (uri.getScheme() == null || uri.getHost() == null) {
                        throw new IllegalArgumentException("no scheme or host");
                    }
                    return uri;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("environment variable " + name + "='" + v
                            + "' is not an endpoint URL such as http://127.0.0.1:9000: " + e.getMessage(), e);
                }
            }
        }
        return null;
    }

    private static String region(StoreOptions options) {
        if (options.region() != null && !options.region().isBlank()) {
            return options.region();
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            // No region configured anywhere: S3 answers us-east-1 requests for buckets of every region
            // with a redirect the SDK follows, and S3-compatible servers ignore the region.
            return Region.US_EAST_1.id();
        }
    }

    private static S3Client build(Key key) {
        AwsCredentialsProvider credentials = key.anonymous() ? AnonymousCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
        java.time.Duration timeout = java.time.Duration.ofMillis(key.timeoutMillis());
        var builder = S3Client.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS).connectionTimeout(timeout)
                        .socketTimeout(timeout))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(timeout))
                .crossRegionAccessEnabled(key.endpoint() == null);
        if (key.endpoint() != null) {
            builder.endpointOverride(key.endpoint()).forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
