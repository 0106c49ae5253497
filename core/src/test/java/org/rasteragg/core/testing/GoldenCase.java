package org.rasteragg.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.rasteragg.core.array.DType;

/**
 * One golden case folder on the test class path ({@code /golden/harpy/CASE} or
 * {@code /golden/scipy/CASE}): mask.npy, optional image.npy and index_NAME.npy, CSV tables named
 * {@code STAT.csv} / {@code STAT__index_NAME.csv}, and a README whose {@code index NAME:} lines
 * name the explicit indexes. Immutable.
 */
public record GoldenCase(String source, String name) {

    /** harpy's own outputs (copied from /work/shared/golden/harpy). */
    public static final List<String> HARPY_CASES = List.of("float32_2d", "mask_only", "uint16_3d");
    /** numpy/scipy float64 outputs (tools/fixtures/core/make_core_fixtures.py). */
    public static final List<String> SCIPY_CASES = List.of("uint16_60000", "float32_1e6", "int64_labels",
            "uint64_mask", "int32_image", "float64_uint32_mask", "uint32_image", "uint8_image", "int64_image",
            "single_voxel", "float64_constant", "uint32_offset", "int64_offset", "mask_only");
    /** Every table name a case may hold, in harpy's file naming. */
    public static final List<String> TABLES = List.of("sum", "mean", "var", "skew", "kurtosis", "min", "max",
            "area", "center_of_mass", "stats_count", "stats_sum", "stats_mean", "stats_var", "stats_kurtosis",
            "stats_skew");

    private static final Pattern INDEX_LINE = Pattern.compile("(?m)^index (\\w+):");

    public static List<GoldenCase> harpy() {
        return HARPY_CASES.stream().map(c -> new GoldenCase("harpy", c)).toList();
    }

    public static List<GoldenCase> scipy() {
        return SCIPY_CASES.stream().map(c -> new GoldenCase("scipy", c)).toList();
    }

    public String root() {
        return "/golden/" + source + "/" + name;
    }

    public boolean has(String file) {
        return GoldenCase.class.getResource(root() + "/" + file) != null;
    }

    public Npy.Parsed mask() {
        return Npy.parseResource(root() + "/mask.npy");
    }

    /** The image, or null for a mask-only case. */
    public Npy.Parsed image() {
        return has("image.npy") ? Npy.parseResource(root() + "/image.npy") : null;
    }

    /** Names of the explicit indexes ("absent"), from the README. */
    public List<String> indexNames() {
        List<String> r = new ArrayList<>();
        Matcher m = INDEX_LINE.matcher(readme());
        while (m.find()) {
            if (!m.group(1).equals("all")) {
                r.add(m.group(1));
            }
        }
        return r;
    }

    /** null = all labels (None), else the labels of index_NAME.npy. */
    public long[] index(String indexName) {
        return indexName == null ? null : Npy.parseResource(root() + "/index_" + indexName + ".npy").asLongs();
    }

    public static String fileName(String table, String indexName) {
        return table + (indexName == null ? "" : "__index_" + indexName) + ".csv";
    }

    /** The table, or null where the case has no such file. */
    public GoldenCsv csv(String table, String indexName) {
        String f = fileName(table, indexName);
        return has(f) ? GoldenCsv.readResource(root() + "/" + f) : null;
    }

    public String readme() {
        try (InputStream in = GoldenCase.class.getResourceAsStream(root() + "/README.md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The float64 oracle on this case's inputs. */
    public Oracle.Result oracle(String indexName) {
        Npy.Parsed m = mask();
        Npy.Parsed img = image();
        long[] shape = m.shape();
        if (img == null) {
            return Oracle.compute(m.asLongs(), shape, null, null, 0, index(indexName));
        }
        DType t = img.dtype();
        return Oracle.compute(m.asLongs(), shape, img.data(), t, (int) img.shape()[0], index(indexName));
    }

    /** The base statistic a table file holds: stats_sum -> sum, stats_count -> stats_count. */
    public static String statisticOf(String table) {
        return table.startsWith("stats_") && !table.equals("stats_count") ? table.substring(6) : table;
    }

    @Override
    public String toString() {
        return source + "/" + name;
    }
    /** (case, table, index name or null) for every table file of {@code cases}: parameters of golden tests. */
    public static Stream<Arguments> tableArguments(List<GoldenCase> cases) {
        List<Arguments> r = new ArrayList<>();
        for (GoldenCase c : cases) {
            List<String> indexes = new ArrayList<>();
            indexes.add(null);
            indexes.addAll(c.indexNames());
            for (String idx : indexes) {
                for (String t : TABLES) {
                    if (c.has(fileName(t, idx))) {
                        r.add(Arguments.of(c, t, idx));
                    }
                }
            }
        }
        return r.stream();
    }
}
