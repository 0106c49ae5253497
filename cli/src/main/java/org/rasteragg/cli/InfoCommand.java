package org.rasteragg.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rasteragg.cli.io.StoreBackend.ElementInfo;
import org.rasteragg.cli.io.StoreBackend.Level;
import org.rasteragg.core.array.DType;
import org.rasteragg.job.Sizes;
import org.rasteragg.job.options.DebugOption;
import org.rasteragg.job.options.RemoteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rasteragg info PATH}: what a store holds and what a stats run over it would cost. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "What is in a Zarr / OME-Zarr / SpatialData store: elements, shapes, dtypes, chunks, codecs, "
                + "channels, scales, and the estimated cost of a stats run.")
public final class InfoCommand implements Callable<Integer> {

    /** A conservative single-node throughput for the estimate (decoded bytes per second). */
    static final double ASSUMED_BYTES_PER_SECOND = 200e6;

    private final CliContext ctx;

    @Parameters(paramLabel = "PATH|URI", description = "A Zarr array, OME-Zarr image or SpatialData store (a path, "
            + "s3:// or https:// URI).")
    String path;

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Mixin(name = DebugOption.NAME)
    DebugOption debug;

    public InfoCommand(CliContext ctx) {
        this.ctx = ctx;
    }


    @Override
    public Integer call() {
        List<ElementInfo> elements = ctx.backend().describe(path, remote.storeOptions());
        var out = ctx.out();
        out.println(path + ": " + elements.size() + " element" + (elements.size() == 1 ? "" : "s"));
        long labelBytes = 0;
        long imageBytes = 0;
        long chunks = 0;
        for (ElementInfo e : elements) {
            out.println();
            out.println(e.kind() + " " + e.name() + (e.axes() == null ? "" : "  axes " + String.join(",", e.axes())));
            if (e.channelNames() != null) {
                out.println("  channels: " + String.join(", ", e.channelNames()));
            }
            for (int i = 0; i < e.levels().size(); i++) {
                Level l = e.levels().get(i);
                long bytes = bytes(l);
                out.println(String.format(Locale.ROOT, "  level %d %-8s shape %s chunks %s %s codecs %s%s  %s",
                        i, l.path(), Arrays.toString(l.shape()), Arrays.toString(l.chunks()), l.dtype(),
                        l.codecs().isEmpty() ? "none" : String.join(",", l.codecs()),
                        l.scale() == null ? "" : " scale " + Arrays.toString(l.scale()), Sizes.format(bytes)));
            }
            if (!e.levels().isEmpty()) {
                Level l0 = e.levels().get(0);
                if (e.kind().equals("labels")) {
                    labelBytes += bytes(l0);
                } else if (!e.kind().equals("table")) {
                    imageBytes += bytes(l0);
                }
                chunks += chunkCount(l0);
            }
        }
        long total = labelBytes + imageBytes;
        if (total > 0) {
            out.println();
            out.println(String.format(Locale.ROOT,
                    "estimated cost of a stats run at level 0 over all of it: %s decoded in %d chunks, %s "
                            + "at %.0f MB/s",
                    Sizes.format(total), chunks, seconds(total / ASSUMED_BYTES_PER_SECOND),
                    ASSUMED_BYTES_PER_SECOND / 1e6));
        }
        out.flush();
        return 0;
    }

    private static String seconds(double s) {
        return s < 1 ? "under a second" : String.format(Locale.ROOT, "about %.0f s", Math.ceil(s));
    }

    static long bytes(Level l) {
        long n = 1;
        for (long s : l.shape()) {
            n *= s;
        }
        int size;
        try {
            size = DType.fromNumpyName(l.dtype()).byteSize();
        } catch (IllegalArgumentException e) {
            size = 1;
        }
        return n * size;
    }

    static long chunkCount(Level l) {
        long n = 1;
        for (int d = 0; d < l.shape().length; d++) {
            n *= (l.shape()[d] + l.chunks()[d] - 1) / l.chunks()[d];
        }
        return n;
    }
}
