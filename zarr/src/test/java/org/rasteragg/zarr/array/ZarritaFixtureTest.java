package org.rasteragg.zarr.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.Zarr;

/**
 * Zarr v3 arrays written by zarrita, an independent JavaScript implementation
 * (tools/fixtures/zarr/zarrita/make_zarrita_fixtures.mjs): gzip, zstd with and without checksum,
 * blosc lz4/zstd with byte and bit shuffle, transpose, big-endian bytes, int64/uint64 extremes,
 * absent chunks read as the fill value. Every element equals the value zarrita was given.
 */
class ZarritaFixtureTest {

    static Stream<Fixtures.Entry> arrays() {
        List<Fixtures.Entry> m = Fixtures.manifest("zarrita-manifest.json");
        assertThat(m).hasSize(8);
        return m.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void readsWhatZarritaWrote(Fixtures.Entry e) {
        ZarrArray a = Zarr.open(Fixtures.root().resolve(e.store()), e.array());
        assertThat(a.metadata().zarrFormat()).isEqualTo(3);
        assertThat(a.dtype()).isEqualTo(e.dtype());
        assertThat(a.shape()).containsExactly(e.shape());
        assertThat(a.readAll()).as(e.note()).isEqualTo(Fixtures.expected(e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void keepsZarritasDimensionNames(Fixtures.Entry e) {
        ZarrArray a = Zarr.open(Fixtures.root().resolve(e.store()), e.array());
        assertThat(a.metadata().dimensionNames()).isEqualTo(e.shape().length == 2 ? List.of("y", "x") : List.of());
    }
}
