package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.io.ZarrBackend;

/**
 * The AnnData tables written by {@code demo} and {@code stats --table}, read back by python anndata
 * (tools/fixtures/cli/check_anndata.py). Skipped where /usr/bin/python3 cannot import anndata.
 */
class AnnDataPythonTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path CHECKER = Path.of("../tools/fixtures/cli/check_anndata.py");

    @TempDir
    Path tmp;

    static boolean hasAnndata() {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import anndata, numpy").redirectErrorStream(true)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static String check(String... args) throws Exception {
        return check(CHECKER, args);
    }

    /** Runs a checker script of tools/fixtures/cli with /usr/bin/python3; returns its output (exit 0 asserted). */
    static String check(Path checker, String... args) throws Exception {
        Path log = Files.createTempFile("anndata", ".log");
        String[] cmd = new String[args.length + 2];
        cmd[0] = PYTHON.toString();
        cmd[1] = checker.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static void runOrSkip(Cli r) {
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void demoTableReadsBackInAnndata() throws Exception {
        Assumptions.assumeTrue(hasAnndata(), "/usr/bin/python3 cannot import anndata");
        Path dir = tmp.resolve("demo");
        runOrSkip(Cli.run(new ZarrBackend(), "demo", dir.toString(), "-q"));
        assertThat(check(dir.resolve("demo.zarr").toString(), "table", dir.resolve("stats.csv").toString(), "cells"))
                .contains("ok ");
    }

    @Test
    void statsTableWithSumAndExtraObsReadsBackInAnndata() throws Exception {
        Assumptions.assumeTrue(hasAnndata(), "/usr/bin/python3 cannot import anndata");
        Path store = tmp.resolve("s.zarr");
        new ZarrBackend().writeDemoStore(store, org.rasteragg.cli.demo.DemoDataset.generate(true, 12, 64, 80, 9));
        Path csv = tmp.resolve("s.csv");
        runOrSkip(Cli.run(new ZarrBackend(), "stats", "--sdata", store.toString(), "--labels-name", "cells",
                "--image-name", "image", "--stats", "sum,var,max,center", "--channels", "CD45,DAPI", "--table", "t",
                "--mode", "sum", "--csv", csv.toString(), "-q"));
        assertThat(check(store.toString(), "t", csv.toString(), "cells", "sum")).contains("ok ");
    }
}
