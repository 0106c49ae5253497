package org.rasteragg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.StatTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
            description = "Where to write (default: ./${DEFAULT-VALUE}); an existing demo there is replaced.")
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
        DemoDataset data = threeD ? DemoDataset.generate(true, 24, 256, 256, seed)
                : DemoDataset.generate(false, 1, DemoDataset.DEFAULT_2D, DemoDataset.DEFAULT_2D, seed);
        Path store = dir.resolve(STORE);
        Path csv = dir.resolve(CSV);
        try {
            Files.createDirectories(dir);
            deleteTree(store);
        } catch (IOException e) {
            throw new CliException("cannot write the demo into " + dir + ": " + e.getMessage(), e);
        }
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
        StatsCommand.Outcome o = stats.run();

        out.println("SpatialData store: " + store + " (images/" + IMAGE + ", labels/" + LABELS + ", tables/" + TABLE
                + ")");
        out.println("CSV:               " + csv + " (" + o.table().rowCount() + " rows, "
                + o.table().columns().size() + " columns)");
        if (!quiet) {
            out.println();
            out.print(preview(o.table(), 5));
            out.println();
            out.println("next: rasteragg info " + store);
            out.println("      rasteragg stats --sdata " + store + " --labels-name " + LABELS + " --image-name " + IMAGE
                    + " --stats mean,max --channels CD3,CD20 --csv my.csv");
        }
        out.flush();
        return 0;
    }

    /** The first rows of cell_ID, shapeSize, the mean columns and y, x, aligned. */
    static String preview(StatTable t, int rows) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            String n = c.name();
            if (n.equals("cell_ID") || n.equals("shapeSize") || n.startsWith("mean_") || n.equals("y")
                    || n.equals("x") || n.equals("z")) {
                cols.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        int n = Math.min(rows, t.rowCount());
        String[][] cells = new String[n + 1][cols.size()];
        int[] width = new int[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            cells[0][j] = cols.get(j).name();
            for (int r = 0; r < n; r++) {
                String v = cols.get(j).format(r);
                if (v.contains(".")) {
                    v = String.format(Locale.ROOT, "%.2f", Double.parseDouble(v));
                }
                cells[r + 1][j] = v;
            }
            for (int r = 0; r <= n; r++) {
                width[j] = Math.max(width[j], cells[r][j].length());
            }
        }
        for (String[] row : cells) {
            for (int j = 0; j < row.length; j++) {
                sb.append(j == 0 ? "" : "  ").append(" ".repeat(width[j] - row[j].length())).append(row[j]);
            }
            sb.append('\n');
        }
        if (t.rowCount() > n) {
            sb.append("... ").append(t.rowCount() - n).append(" more rows\n");
        }
        return sb.toString();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }
}
