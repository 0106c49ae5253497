package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.zarr.Zarr;

/**
 * Runs every shell example of the README (the root README.md where it has them, else
 * cli/README-snippet.md) in-process, in order, with relative paths under a temp folder, so the
 * examples cannot rot. Lines for the bench module, --spark or ./mvnw are left to their modules.
 */
class ReadmeExamplesTest {

    @TempDir
    Path tmp;

    static List<String> examples(Path markdown) throws IOException {
        List<String> out = new ArrayList<>();
        boolean inShell = false;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(markdown)) {
            String t = line.strip();
            if (t.startsWith("```")) {
                inShell = !inShell && (t.equals("```sh") || t.equals("```bash") || t.equals("```shell"));
                continue;
            }
            if (!inShell || t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.endsWith("\\")) {
                pending.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            pending.append(t);
            // A trailing " # ..." is a shell comment.
            String cmd = pending.toString().replaceAll("\\s+#.*$", "").replaceAll("\\s+", " ");
            pending.setLength(0);
            for (String prefix : List.of("./rasteragg ", "rasteragg ", "java -jar cli/target/rasteragg.jar ")) {
                if (cmd.startsWith(prefix) && !cmd.contains("--spark") && !cmd.startsWith(prefix + "bench")) {
                    out.add(cmd.substring(prefix.length()));
                }
            }
        }
        return out;
    }

    private String[] localize(String cmd) {
        String[] args = cmd.split(" ");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean file = a.startsWith("rasteragg-demo") || a.endsWith(".csv") || a.endsWith(".parquet")
                    || a.endsWith(".txt");
            if (file && !a.startsWith("-")) {
                args[i] = tmp.resolve(a).toString();
            }
        }
        if (args[0].equals("demo") && (args.length == 1 || args[1].startsWith("-"))) {
            List<String> withDir = new ArrayList<>(List.of(args));
            withDir.add(1, tmp.resolve("rasteragg-demo").toString());
            return withDir.toArray(String[]::new);
        }
        return args;
    }

    @Test
    void everyShellExampleRuns() throws IOException {
        Path root = Path.of("../README.md");
        List<String> cmds = Files.exists(root) ? examples(root) : List.of();
        if (cmds.isEmpty()) {
            cmds = examples(Path.of("README-snippet.md"));
        }
        assertThat(cmds).hasSizeGreaterThanOrEqualTo(3);
        assertThat(cmds.get(0)).startsWith("demo");
        for (String cmd : cmds) {
            Cli r = Cli.run(new ZarrBackend(), localize(cmd));
            assertThat(r.code()).as(cmd + "\n" + r.err()).isZero();
        }
        assertThat(tmp.resolve("rasteragg-demo/stats.csv")).exists();
        assertThat(tmp.resolve("rasteragg-demo/demo.zarr")).isDirectory();
    }

    /** The README's Java API snippet, as code. */
    @Test
    void javaApiSnippet() throws IOException {
        Path store = tmp.resolve("rasteragg-demo/demo.zarr");
        new ZarrBackend().writeDemoStore(store, org.rasteragg.cli.demo.DemoDataset.generate(false, 1, 128, 128, 1));
        ChunkedArray mask = Zarr.open(store.resolve("labels/cells"), "0");
        ChunkedArray image = Zarr.open(store.resolve("images/image"), "0");
        AggregationResult r = RasterAggregator.builder().mask(mask).image(image).threads(4).build()
                .aggregateAll(Statistic.all(), null);
        try (FileWriter w = new FileWriter(tmp.resolve("stats.csv").toFile())) {
            r.wideTable(List.of("DAPI", "CD3", "CD20", "CD45")).writeCsv(w);
        }
        assertThat(Files.readString(tmp.resolve("stats.csv"))).startsWith("cell_ID,shapeSize,sum_DAPI");
    }
}
