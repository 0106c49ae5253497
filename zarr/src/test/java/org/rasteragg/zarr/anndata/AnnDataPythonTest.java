package org.rasteragg.zarr.anndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.Python;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;
import org.rasteragg.zarr.store.Store;

/**
 * Our table read back by python anndata.read_zarr (tools/fixtures/zarr/check_anndata.py), every
 * column, X, obsm and uns checked. Skipped when /usr/bin/python3 cannot import anndata.
 */
class AnnDataPythonTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final com.fasterxml.jackson.databind.ObjectMapper TEST_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dir;

    static boolean anndataAvailable() {
        return Python.canImport("anndata");
    }

    static Path script() {
        Path p = Path.of(System.getProperty("user.dir")).resolve("../tools/fixtures/zarr/check_anndata.py").normalize();
        return Files.exists(p) ? p : Path.of("tools/fixtures/zarr/check_anndata.py").toAbsolutePath();
    }

    @Test
    void anndataReadsOurTableExactly() throws Exception {
        assumeTrue(anndataAvailable(), "/usr/bin/python3 with anndata is not available");
        for (boolean is3d : new boolean[] {false, true}) {
            Path root = dir.resolve("sd" + is3d + ".zarr");
            Store store = SpatialDataWriter.create(root, 2, false).store();
            SpatialDataTableWriter.Input in = SpatialDataTableWriterTest.sampleInput(is3d);
            SpatialDataTableWriter.write(store, "table", in, false);
            AnnDataTable t = SpatialDataTableWriter.build(store, in);

            ObjectNode exp = Json.object();
            exp.set("obs_names", TEST_JSON.valueToTree(t.obs().index()));
            exp.set("var_names", TEST_JSON.valueToTree(t.var().index()));
            exp.set("obs_columns", TEST_JSON.valueToTree(List.copyOf(t.obs().columns().keySet())));
            ObjectNode ints = exp.putObject("int_columns");
            ObjectNode floats = exp.putObject("float_columns");
            ObjectNode cats = exp.putObject("categorical_columns");
            t.obs().columns().forEach((k, c) -> {
                if (c instanceof Column.Int64 i) {
                    ints.set(k, TEST_JSON.valueToTree(i.values()));
                } else if (c instanceof Column.Float64 f) {
                    floats.set(k, TEST_JSON.valueToTree(f.values()));
                } else if (c instanceof Column.Categorical cat) {
                    ArrayNode a = cats.putArray(k);
                    for (int code : cat.codes()) {
                        a.add(cat.categories().get(code));
                    }
                }
            });
            exp.set("X", TEST_JSON.valueToTree(t.x()));
            Map<String, Object> obsm = new LinkedHashMap<>(t.obsm());
            exp.set("obsm", TEST_JSON.valueToTree(obsm));
            exp.putObject("uns").put("region_key", "fov_labels").put("instance_key", "cell_ID")
                    .set("region", TEST_JSON.valueToTree(List.of(in.labelsName())));
            Path expected = dir.resolve("expected" + is3d + ".json");
            Files.write(expected, Json.bytes(exp));

            Process p = new ProcessBuilder(PYTHON.toString(), script().toString(),
                    root.resolve("tables/table").toString(), expected.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            assertThat(done).as("python finished").isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("OK anndata");
        }
    }
}
