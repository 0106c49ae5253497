package org.rasteragg.zarr.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * A real S3 server for tests: s3proxy over jclouds' in-memory ("transient") blob store, bound to
 * 127.0.0.1 on a random port, with one bucket. Signed mode checks AWS v2/v4 signatures made with
 * {@link #ACCESS_KEY}/{@link #SECRET_KEY}, which tests give the SDK through the default credential
 * chain (the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties); open mode takes
 * anonymous requests. {@link #close} stops it.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "rasteragg-test-access";
    public static final String SECRET_KEY = "rasteragg-test-secret";
    public static final String BUCKET = "bucket";

    static {
        // The SDK's default chain reads these first; tests never touch the user's real credentials.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.region", "us-east-1");
    }

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3ProxyServer(boolean signed) throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(signed ? AuthenticationType.AWS_V2_OR_V4 : AuthenticationType.NONE, ACCESS_KEY,
                        SECRET_KEY)
                .build();
        proxy.start();
        for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
    }

    /** A server that checks signatures. */
    public static S3ProxyServer signed() throws Exception {
        return new S3ProxyServer(true);
    }

    /** A server that takes anonymous requests (a public bucket). */
    public static S3ProxyServer open() throws Exception {
        return new S3ProxyServer(false);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Options that reach this server with the default credential chain. */
    public StoreOptions options() {
        return StoreOptions.DEFAULT.withEndpoint(endpoint());
    }

    /** Copies the folder {@code dir} into {@code store}, key by relative path. */
    public static void upload(Path dir, Store store) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                try {
                    store.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
