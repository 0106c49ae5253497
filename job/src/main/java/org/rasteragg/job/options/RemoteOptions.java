package org.rasteragg.job.options;

import java.net.URI;
import java.net.URISyntaxException;
import org.rasteragg.job.JobException;
import org.rasteragg.zarr.store.StoreOptions;
import picocli.CommandLine.Option;

/**
 * How s3:// and http(s):// locations are reached, for inputs and outputs alike: a picocli mixin of
 * {@link StatsOptions} (so {@code rasteragg stats} and the Spark job) and of {@code rasteragg info}.
 * Credentials come from the AWS SDK's default chain (environment, profiles, instance and container
 * roles); the endpoint from --s3-endpoint, else {@code AWS_ENDPOINT_URL_S3}, else
 * {@code AWS_ENDPOINT_URL}, else AWS.
 */
public final class RemoteOptions {

    @Option(names = "--s3-endpoint", paramLabel = "URL", order = 30,
            description = "S3-compatible endpoint, e.g. http://127.0.0.1:9000 (path-style addressing; default: "
                    + "AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS).")
    String s3Endpoint;

    @Option(names = "--anonymous", order = 31,
            description = "Unsigned S3 requests for public buckets: no credentials are looked for.")
    boolean anonymous;

    /**
     * How the job's remote locations are opened: --s3-endpoint and --anonymous over the defaults
     * (credentials from the SDK's default chain).
     *
     * @throws JobException (usage) when --s3-endpoint is not an http(s) URL
     */
    public StoreOptions storeOptions() {
        StoreOptions o = StoreOptions.DEFAULT.withAnonymous(anonymous);
        if (s3Endpoint != null) {
            URI uri;
            try {
                uri = new URI(s3Endpoint.trim());
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw JobException.usage("--s3-endpoint " + s3Endpoint + ": not an http(s) URL such as "
                        + "http://127.0.0.1:9000");
            }
            o = o.withEndpoint(uri);
        }
        return o;
    }

}
