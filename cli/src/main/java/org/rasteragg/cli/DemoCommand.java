package org.rasteragg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.job.JobException;
import org.rasteragg.job.LocalRun;
import org.rasteragg.job.options.DebugOption;
import org.rasteragg.job.options.ThreadCount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code rasteragg demo [DIR]}: writes a built-in dataset as a SpatialData store, runs stats on it,
 * writes the AnnData table into it and a CSV beside it, and shows the first rows.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Make a built-in realistic dataset (a SpatialData store with a 4-channel OME-Zarr image and "
                + "a mask of a few thousand cells), run stats on it, write the AnnData table into it and a CSV.")
public final class DemoCommand implements Callable<Integer> {

    /** Store name inside DIR. */
    public static final String STORE = "demo.zarr";
    /** CSV name inside DIR. */
    public static final String CSV = "stats.csv";
    public static final String LABELS = "cells";
    public static final String IMAGE = "image";
    public static final String TABLE = "table";

    private final CliContext ctx;

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "rasteragg-demo",
            description = "Where to write (default: ./${DEFAULT-VALUE}); an earlier demo there is replaced, anything "
                    + "else is left alone (the command refuses).")
    Path dir;

    @Option(names = "--3d", description = "A 3D stack (24 x 256 x 256) instead of a 2D image (1024 x 1024).")
    boolean threeD;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "Print only where the outputs are.")
    boolean quiet;

    @Mixin(name = DebugOption.NAME)
    DebugOption debug;

    public DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }


    @Override
    public Integer call() {
        var out = ctx.out();
        long t0 = System.nanoTime();
        ThreadCount.check(threads);
        Path store = dir.resolve(STORE);
        Path csv = dir.resolve(CSV);
        DemoOutput.claim(dir, store, csv);
        DemoDataset data = threeD ? DemoDataset.generate(true, 24, 256, 256, seed)
                : DemoDataset.generate(false, 1, DemoDataset.DEFAULT_2D, DemoDataset.DEFAULT_2D, seed);
        ctx.backend().writeDemoStore(store, data);
        double made = (System.nanoTime() - t0) / 1e9;
        if (!quiet) {
            out.println(String.format(Locale.ROOT, "made a %s dataset in %.1f s: image %s uint16 (channels %s), "
                    + "mask %s int32 with %d cells", threeD ? "3D" : "2D", made,
                    java.util.Arrays.toString(data.imageShape()), String.join(", ", DemoDataset.CHANNELS),
                    java.util.Arrays.toString(data.maskShape()), data.cellCount()));
        }

        List<String> args = new ArrayList<>(List.of("--sdata", store.toString(), "--labels-name", LABELS,
                "--image-name", IMAGE, "--csv", csv.toString(), "--table", TABLE, "--overwrite",
                "--exclude-background"));
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        if (quiet) {
            args.add("-q");
        }
        StatsCommand stats = new StatsCommand(ctx);
        new CommandLine(stats).parseArgs(args.toArray(String[]::new));
        LocalRun.Outcome o = stats.run();

        out.println("SpatialData store: " + store + " (images/" + IMAGE + ", labels/" + LABELS + ", tables/" + TABLE
                + ")");
        out.println("CSV:               " + csv + " (" + o.rows() + " rows, " + o.columns().size() + " columns)");
        if (!quiet) {
            out.println();
            out.print(preview(csv, 5));
            out.println();
            out.println("next: rasteragg info " + store);
            out.println("      rasteragg stats --sdata " + store + " --labels-name " + LABELS + " --image-name " + IMAGE
                    + " --stats mean,max --channels CD3,CD20 --csv my.csv");
        }
        out.flush();
        return 0;
    }

    /** The first rows of cell_ID, shapeSize, the mean columns and y, x of a CSV table, aligned. */
    static String preview(Path csv, int rows) {
        List<String> lines;
        try (Stream<String> s = Files.lines(csv)) {
            lines = s.limit(rows + 1L).toList();
        } catch (IOException e) {
            throw JobException.data("cannot read " + csv + ": " + e.getMessage(), e);
        }
        long total;
        try (Stream<String> s = Files.lines(csv)) {
            total = s.count() - 1;
        } catch (IOException e) {
            throw JobException.data("cannot read " + csv + ": " + e.getMessage(), e);
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < header.size(); j++) {
            String n = header.get(j);
            if (n.equals("cell_ID") || n.equals("shapeSize") || n.startsWith("mean_") || n.equals("y")
                    || n.equals("x") || n.equals("z")) {
                cols.add(j);
            }
        }
        StringBuilder sb = new StringBuilder();
        int n = lines.size() - 1;
        String[][] cells = new String[n + 1][cols.size()];
        int[] width = new int[cols.size()];
        for (int r = 0; r <= n; r++) {
            String[] fields = lines.get(r).split(",", -1);
            for (int j = 0; j < cols.size(); j++) {
                String v = fields[cols.get(j)];
                if (r > 0 && v.contains(".")) {
                    v = String.format(Locale.ROOT, "%.2f", Double.parseDouble(v));
                }
                cells[r][j] = v;
                width[j] = Math.max(width[j], v.length());
            }
        }
        for (String[] row : cells) {
            for (int j = 0; j < row.length; j++) {
                sb.append(j == 0 ? "" : "  ").append(" ".repeat(width[j] - row[j].length())).append(row[j]);
            }
            sb.append('\n');
        }
        if (total > n) {
            sb.append("... ").append(total - n).append(" more rows\n");
        }
        return sb.toString();
    }
}
