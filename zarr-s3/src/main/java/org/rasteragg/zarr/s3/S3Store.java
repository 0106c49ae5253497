package org.rasteragg.zarr.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.rasteragg.zarr.store.InterruptCleanup;
import org.rasteragg.zarr.store.RemoteStore;
import org.rasteragg.zarr.store.RetryPolicy;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreIOException;
import org.rasteragg.zarr.store.StoreOptions;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A store in an S3 (or S3-compatible) bucket under a key prefix: key "a/b" of the store at
 * {@code s3://bucket/p/x.zarr} is the object {@code p/x.zarr/a/b}. Reads are GETs (with
 * {@code Range} for parts, a suffix range for shard indexes), a missing object is an absent key;
 * puts are single PUTs, atomic per object. S3 has no rename: {@link #rename} copies then deletes and
 * is not atomic (writers that publish use temporary prefixes and write the metadata last). Every
 * request is retried by the {@link RetryPolicy} on 5xx, throttling (503 SlowDown, 429), connection
 * failures, timeouts and bodies shorter than their Content-Length; other errors fail at once naming
 * the {@code s3://} URL and the status. Objects are assumed not to change while the store reads them
 * (sizes seen in responses are remembered). Thread-safe.
 */
public final class S3Store extends RemoteStore {

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final RetryPolicy retry;

    /** A store on {@code client}; {@code prefix} is the key prefix of the store root ("" for the bucket). */
    public S3Store(S3Client client, String bucket, String prefix, RetryPolicy retry) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 store without a bucket");
        }
        this.s3 = client;
        this.bucket = bucket;
        String p = Store.join(prefix);
        this.root = p.isEmpty() ? "" : p + "/";
        this.retry = retry;
    }

    /** The store at {@code s3://bucket/prefix}, on the shared client for {@code options}. */
    public static S3Store open(URI location, StoreOptions options) {
        if (!"s3".equals(location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an s3:// location: " + location);
        }
        String bucket = location.getHost() != null ? location.getHost() : location.getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + location + "; expected s3://bucket/path");
        }
        String path = location.getPath() == null ? "" : location.getPath();
        return new S3Store(S3Clients.client(options), bucket, path, options.retry());
    }

    private String object(String key) {
        return root + key;
    }

    @Override
    protected String url(String key) {
        return "s3://" + bucket + "/" + object(key);
    }

    @Override
    protected Fetched fetch(String key, String range) {
        String what = "GET " + url(key) + (range == null ? "" : " (" + range + ")");
        return call(what, () -> {
            try {
                ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object(key))
                        .range(range));
                byte[] body = r.asByteArrayUnsafe();
                Long promised = r.response().contentLength();
                if (promised != null && promised != body.length) {
                    throw new RetryPolicy.TransientFailure("truncated body: " + body.length + " of " + promised
                            + " bytes", null);
                }
                String contentRange = r.response().contentRange();
                return new Fetched(body, contentRange == null || contentRange.isEmpty() ? null : contentRange);
            } catch (S3Exception e) {
                if (isMissingKey(e)) {
                    return null;
                }
                throw e;
            }
        });
    }

    /**
     * A 404 that says NoSuchKey, or says nothing (HEAD has no body; an error body may be cut short).
     * A 404 with another code (NoSuchBucket) is an error, not an absent chunk.
     */
    private static boolean isMissingKey(S3Exception e) {
        if (e instanceof NoSuchKeyException) {
            return true;
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 404 && (code == null || code.isEmpty() || code.equals("NoSuchKey"));
    }

    @Override
    protected long head(String key) {
        Long size = call("HEAD " + url(key), () -> {
            try {
                return s3.headObject(b -> b.bucket(bucket).key(object(key))).contentLength();
            } catch (S3Exception e) {
                if (isMissingKey(e)) {
                    return null;
                }
                throw e;
            }
        });
        return size == null ? -1 : size;
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        listPages(prefix, null, page -> page.contents().forEach(o -> keys.add(o.key().substring(root.length()))));
        keys.sort(null);
        return keys;
    }

    @Override
    public List<String> children(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        TreeSet<String> names = new TreeSet<>();
        listPages(prefix, "/", page -> {
            for (S3Object o : page.contents()) {
                names.add(o.key().substring(root.length() + prefix.length()));
            }
            for (CommonPrefix p : page.commonPrefixes()) {
                String rest = p.prefix().substring(root.length() + prefix.length());
                names.add(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
            }
        });
        names.remove("");
        return new ArrayList<>(names);
    }

    private void listPages(String prefix, String delimiter, java.util.function.Consumer<ListObjectsV2Response> each) {
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(object(prefix))
                    .delimiter(delimiter).continuationToken(continuation).build();
            ListObjectsV2Response page = call("LIST " + url(prefix), () -> s3.listObjectsV2(request));
            each.accept(page);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    @Override
    public void put(String key, byte[] value) {
        forgetSizes(key);
        byte[] copy = value.clone();
        call("PUT " + url(key), () -> s3.putObject(b -> b.bucket(bucket).key(object(key)).contentLength((long) copy.length),
                RequestBody.fromBytes(copy)));
    }

    @Override
    public void delete(String path) {
        forgetSizes(path);
        List<String> keys = new ArrayList<>();
        if (!path.isEmpty()) {
            keys.add(path);
        }
        keys.addAll(list(path.isEmpty() ? "" : path + "/"));
        for (String key : keys) {
            // One DELETE per object: the batch call needs a Content-MD5 some S3-compatible servers insist on
            // and others reject, and deleting an absent object succeeds.
            call("DELETE " + url(key), () -> s3.deleteObject(b -> b.bucket(bucket).key(object(key))));
        }
    }

    /**
     * Copies every object of {@code from} to {@code to}, then deletes the originals. Not atomic, but
     * published: the copies are made in {@link Publication} order (data, then the metadata of the
     * deepest nodes, the metadata of {@code to} itself last), so a Zarr reader sees no node at
     * {@code to} until every object under it is there; a copy that fails removes the copies made
     * (the originals stay). The originals are deleted in the opposite order: a node seen by a reader
     * of {@code from} loses its metadata first and is gone, never partial.
     */
    @Override
    public void rename(String from, String to) {
        if (exists(to) || !list(to + "/").isEmpty()) {
            throw new StoreIOException(description() + ": cannot rename '" + from + "' to existing '" + to + "'");
        }
        List<String> keys = new ArrayList<>();
        if (exists(from)) {
            keys.add(from);
        }
        keys.addAll(list(from + "/"));
        if (keys.isEmpty()) {
            throw new StoreIOException(description() + ": cannot rename missing '" + from + "'");
        }
        keys = Publication.order(keys);
        List<String> copied = new ArrayList<>();
        try {
            for (String key : keys) {
                String target = to + key.substring(from.length());
                forgetSizes(target);
                call("COPY " + url(key) + " to " + url(target), () -> s3.copyObject(b -> b.sourceBucket(bucket)
                        .sourceKey(object(key)).destinationBucket(bucket).destinationKey(object(target))));
                copied.add(target);
            }
        } catch (RuntimeException e) {
            for (int i = copied.size() - 1; i >= 0; i--) {
                String target = copied.get(i);
                try {
                    call("DELETE " + url(target), () -> s3.deleteObject(b -> b.bucket(bucket).key(object(target))));
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        for (int i = keys.size() - 1; i >= 0; i--) {
            String key = keys.get(i);
            forgetSizes(key);
            call("DELETE " + url(key), () -> s3.deleteObject(b -> b.bucket(bucket).key(object(key))));
        }
    }

    /**
     * Writes the file at {@code key}, visible only once complete: one PUT up to {@link #PART_BYTES},
     * else a multipart upload (parts of {@link #PART_BYTES}, each retried), aborted on any failure and
     * on an interrupt ({@link InterruptCleanup}) so that nothing is left at {@code key} and no parts
     * are kept (and billed) by the server.
     */
    @Override
    public void putFile(String key, Path file) {
        putFile(key, file, PART_BYTES);
    }

    /** Largest single PUT, and the size of each part of a multipart upload (S3's minimum part: 5 MiB). */
    static final long PART_BYTES = 16L << 20;

    void putFile(String key, Path file, long partBytes) {
        forgetSizes(key);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StoreIOException("PUT " + url(key) + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        if (size <= partBytes) {
            call("PUT " + url(key), () -> s3.putObject(b -> b.bucket(bucket).key(object(key)).contentLength(size),
                    RequestBody.fromFile(file)));
            return;
        }
        // An interrupt (Ctrl-C, SIGTERM) aborts the upload, also one being created: nothing appears and no
        // part is kept.
        Upload guard = new Upload(id -> call("ABORT MULTIPART UPLOAD " + url(key), () -> s3.abortMultipartUpload(
                b -> b.bucket(bucket).key(object(key)).uploadId(id))));
        Runnable unregister = InterruptCleanup.register(guard::abort);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            String upload = guard.start(() -> call("CREATE MULTIPART UPLOAD " + url(key), () -> s3.createMultipartUpload(
                    b -> b.bucket(bucket).key(object(key)))).uploadId());
            List<CompletedPart> parts = new ArrayList<>();
            for (long at = 0; at < size; at += partBytes) {
                int part = parts.size() + 1;
                ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(partBytes, size - at));
                while (bytes.hasRemaining() && in.read(bytes, at + bytes.position()) >= 0) {
                    // read until the part is full
                }
                byte[] body = bytes.array();
                String etag = guard.run("UPLOAD PART " + part + " of " + url(key), () -> call("UPLOAD PART " + part
                        + " of " + url(key), () -> s3.uploadPart(b -> b.bucket(bucket).key(object(key)).uploadId(upload)
                                .partNumber(part).contentLength((long) body.length), RequestBody.fromBytes(body))))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            }
            guard.run("COMPLETE MULTIPART UPLOAD " + url(key), () -> call("COMPLETE MULTIPART UPLOAD " + url(key),
                    () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(object(key)).uploadId(upload)
                            .multipartUpload(m -> m.parts(parts)))));
        } catch (IOException | RuntimeException e) {
            try {
                guard.abort();
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            if (e instanceof IOException io) {
                throw new StoreIOException("PUT " + url(key) + ": cannot read " + file + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        } finally {
            unregister.run();
        }
    }

    /**
     * One multipart upload's requests and its abort, which an interrupt's shutdown hook may call
     * while the uploading thread still runs: the abort waits for the request in flight and no request
     * starts after it, so no part lands after the abort. Aborts at most once. Thread-safe.
     */
    private static final class Upload {
        private final java.util.function.Consumer<String> abortRequest;
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private boolean aborted;
        /** The upload id, once created. */
        private String id;

        Upload(java.util.function.Consumer<String> abortRequest) {
            this.abortRequest = abortRequest;
        }

        /** Creates the upload ({@code create} returns its id); an abort waits for it and aborts it. */
        String start(java.util.function.Supplier<String> create) {
            return run("CREATE MULTIPART UPLOAD", () -> {
                id = create.get(); // under the lock: an abort sees the id or waits for it
                return id;
            });
        }

        <T> T run(String what, java.util.function.Supplier<T> request) {
            lock.lock();
            try {
                if (aborted) {
                    throw new StoreIOException(what + ": the upload was aborted (interrupted)");
                }
                return request.get();
            } finally {
                lock.unlock();
            }
        }

        void abort() {
            lock.lock();
            try {
                if (!aborted) {
                    aborted = true;
                    if (id != null) {
                        abortRequest.accept(id);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public String description() {
        return "s3://" + bucket + "/" + (root.isEmpty() ? "" : root.substring(0, root.length() - 1));
    }

    /** One SDK call, retried on what may pass; any other S3 error fails naming the request and status. */
    private <T> T call(String what, SdkCall<T> call) {
        return retry.call(what, () -> {
            try {
                return call.run();
            } catch (S3Exception e) {
                int status = e.statusCode();
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                String detail = "HTTP " + status + (code == null ? "" : " " + code)
                        + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
                                : " (" + e.awsErrorDetails().errorMessage() + ")");
                if (status >= 500 || status == 429 || status == 408 || "SlowDown".equals(code)
                        || "RequestTimeout".equals(code)) {
                    throw new RetryPolicy.TransientFailure(detail, e);
                }
                throw new StoreIOException(what + ": " + detail, e);
            } catch (SdkClientException e) {
                // Connection refused or reset, a timeout, a body cut short.
                throw new RetryPolicy.TransientFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            } catch (SdkException e) {
                throw new StoreIOException(what + ": " + e.getMessage(), e);
            }
        });
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run() throws RetryPolicy.TransientFailure;
    }
}
