package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.io.ZarrBackend;

/**
 * Many fields of view in one run, on the 12-field SpatialData store zarr-python wrote
 * (tools/fixtures/cli/make_fov_slide.py): wildcard pairing, a pairs file, one table whose rows equal
 * the single-field runs, and no output unless every pair succeeded.
 */
class ManyFieldsOfViewTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/fov_slide/slide.zarr");
    static final int FOVS = 12;

    @TempDir
    Path tmp;

    Path store;

    /** A copy of the fixture: the runs write tables into it. */
    @BeforeEach
    void copyStore() throws IOException {
        store = tmp.resolve("slide.zarr");
        try (Stream<Path> s = Files.walk(FIXTURE)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = store.resolve(FIXTURE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private Cli stats(String... args) {
        String[] all = Stream.concat(Stream.of("stats", "--sdata", store.toString()), Stream.of(args))
                .toArray(String[]::new);
        return Cli.run(new ZarrBackend(), all);
    }

    /** The CSV lines of the single-field run of field {@code f}. */
    private List<String> single(int f, String... options) throws IOException {
        Path csv = tmp.resolve("label_whole_fov" + f + ".csv");
        String[] args = Stream.concat(Stream.of("--labels-name", "label_whole_fov" + f, "--image-name",
                "raw_image_fov" + f, "--csv", csv.toString(), "-q"), Stream.of(options)).toArray(String[]::new);
        Cli r = stats(args);
        assertThat(r.code()).as(r.err()).isZero();
        return Files.readAllLines(csv);
    }

    /** A line of the many-field CSV without its fov_labels field (the second). */
    private static String withoutFov(String line) {
        int a = line.indexOf(',');
        int b = line.indexOf(',', a + 1);
        return line.substring(0, a) + line.substring(b);
    }

    @Test
    void wildcardsPairEveryFieldAndEachRowEqualsItsSingleFieldRun() throws Exception {
        Path csv = tmp.resolve("all.csv");
        Cli r = stats("--labels-name", "label_whole_fov*", "--image-name", "raw_image_fov*", "--stats", "mean,var,max",
                "--exclude-background", "--table", "fovs", "--csv", csv.toString(), "--parquet",
                tmp.resolve("all.parquet").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("of 12 fields of view");
        List<String> many = Files.readAllLines(csv);
        assertThat(many.get(0)).startsWith("cell_ID,fov_labels,shapeSize,mean_CD3,mean_CD8,mean_DAPI,var_CD3");
        int at = 1;
        List<String> regions = new ArrayList<>();
        for (int f = 0; f < FOVS; f++) {
            List<String> one = single(f, "--stats", "mean,var,max", "--exclude-background");
            assertThat(withoutFov(many.get(0))).isEqualTo(one.get(0));
            for (String line : one.subList(1, one.size())) {
                assertThat(many.get(at).split(",")[1]).isEqualTo("label_whole_fov" + f);
                assertThat(withoutFov(many.get(at++))).isEqualTo(line);
            }
            regions.add("label_whole_fov" + f);
        }
        assertThat(many).hasSize(at);
        ParquetRead p = ParquetRead.read(tmp.resolve("all.parquet"));
        assertThat(p.columns().get("cell_ID")).hasSize(at - 1);
        assertThat(p.schema().getFields().get(1).toString()).isEqualTo("required binary fov_labels (STRING)");
        // The table, read back by python anndata: 12 regions, every row as in its single-field run.
        Assumptions.assumeTrue(AnnDataPythonTest.hasAnndata(), "/usr/bin/python3 cannot import anndata");
        List<String> args = new ArrayList<>(List.of(store.toString(), "fovs", tmp.toString()));
        args.addAll(regions);
        assertThat(AnnDataPythonTest.check(Path.of("../tools/fixtures/cli/check_fov_table.py"),
                args.toArray(String[]::new))).contains("ok ").contains("in 12 regions");
    }

    @Test
    void aPairsFileNamesPairsThatShareNoPattern() throws IOException {
        Path pairs = tmp.resolve("pairs.txt");
        Files.writeString(pairs, "# labels image\nlabel_whole_fov3 raw_image_fov3\n\nlabel_whole_fov10 raw_image_fov10\n");
        Path csv = tmp.resolve("pairs.csv");
        Cli r = stats("--pairs", pairs.toString(), "--stats", "mean,count", "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        List<String> fov3 = single(3, "--stats", "mean,count");
        List<String> fov10 = single(10, "--stats", "mean,count");
        assertThat(lines).hasSize(fov3.size() + fov10.size() - 1);
        assertThat(withoutFov(lines.get(1))).isEqualTo(fov3.get(1));
        assertThat(withoutFov(lines.get(fov3.size()))).isEqualTo(fov10.get(1));
        assertThat(lines.get(fov3.size()).split(",")[1]).isEqualTo("label_whole_fov10");
    }

    @Test
    void setsThatDoNotPairUpAreRefusedListingTheUnmatchedNames() {
        Path csv = tmp.resolve("x.csv");
        // '?' matches one character: fov0..fov9 pair up, fov10 and fov11 have no image
        Cli r = stats("--labels-name", "label_whole_fov*", "--image-name", "raw_image_fov?", "--csv",
                csv.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("do not pair up").endsWith("no partner for labels/label_whole_fov10, "
                + "labels/label_whole_fov11\n");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(csv).doesNotExist();
        Cli half = stats("--labels-name", "label_whole_fov*", "--image-name", "raw_image_fov3");
        assertThat(half.code()).isEqualTo(2);
        assertThat(half.err()).contains("wildcard");
    }

    @Test
    void aFailingPairIsNamedAndNothingIsWritten() throws IOException {
        Path pairs = tmp.resolve("pairs.txt");
        Files.writeString(pairs, "label_whole_fov0 raw_image_fov0\nlabel_whole_fov1 raw_image_fov99\n");
        Path csv = tmp.resolve("x.csv");
        Cli r = stats("--pairs", pairs.toString(), "--table", "t", "--csv", csv.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("field of view 2/2").contains("raw_image_fov99");
        assertThat(csv).doesNotExist();
        assertThat(store.resolve("tables")).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("slide.zarr", "pairs.txt");
        }
    }
}
