package org.rasteragg.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wildcard pairing of labels and images, and the pairs file. */
class PairingTest {

    static final List<String> LABELS = List.of("label_whole_fov10", "label_whole_fov2", "label_whole_fov0",
            "other");
    static final List<String> IMAGES = List.of("raw_image_fov0", "raw_image_fov2", "raw_image_fov10", "raw_dapi");

    @Test
    void wildcardsPairByWhatTheyMatchedInNaturalOrder() {
        List<FovPair> pairs = Pairing.match("label_whole_fov*", "raw_image_fov*", LABELS, IMAGES);
        assertThat(pairs).containsExactly(FovPair.ofNames("label_whole_fov0", "raw_image_fov0"),
                FovPair.ofNames("label_whole_fov2", "raw_image_fov2"),
                FovPair.ofNames("label_whole_fov10", "raw_image_fov10"));
        assertThat(Pairing.match("label_whole_fov*", null, LABELS, IMAGES)).extracting(FovPair::labelsName)
                .containsExactly("label_whole_fov0", "label_whole_fov2", "label_whole_fov10");
        assertThat(Pairing.match("cells", "img", LABELS, IMAGES)).containsExactly(FovPair.ofNames("cells", "img"));
    }

    @Test
    void unpairedNamesAreListedAndHalfPatternsRefused() {
        assertThatThrownBy(() -> Pairing.match("label_whole_fov*", "raw_image_fov?", LABELS, IMAGES))
                .isInstanceOfSatisfying(JobException.class, e -> assertThat(e.kind()).isEqualTo(JobException.Kind.DATA))
                .hasMessageEndingWith("no partner for labels/label_whole_fov10");
        assertThatThrownBy(() -> Pairing.match("nuclei_*", "raw_image_fov*", LABELS, IMAGES))
                .hasMessageContaining("--labels-name nuclei_*: no labels element matches");
        assertThatThrownBy(() -> Pairing.match("label_whole_fov*", "raw_dapi", LABELS, IMAGES))
                .isInstanceOfSatisfying(JobException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("wildcard");
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        assertThat(Pairing.natural("fov2", "fov10")).isNegative();
        assertThat(Pairing.natural("fov10", "fov9")).isPositive();
        assertThat(Pairing.natural("a", "b")).isNegative();
        assertThat(Pairing.natural("fov02", "fov2")).isNotZero();
    }

    @Test
    void aPairsFileSkipsCommentsAndRefusesMalformedLinesByNumber(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("pairs.txt");
        Files.writeString(ok, "\uFEFF# labels image\nfovA imgX\n\n fovB  imgY \n");
        assertThat(Pairing.readPairsFile(ok)).containsExactly(FovPair.ofNames("fovA", "imgX"),
                FovPair.ofNames("fovB", "imgY"));
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "fovA imgX\nfovB imgY extra\n");
        assertThatThrownBy(() -> Pairing.readPairsFile(bad)).hasMessageContaining("bad.txt line 2");
        Files.writeString(bad, "fovA imgX\nfovA imgY\n");
        assertThatThrownBy(() -> Pairing.readPairsFile(bad)).hasMessageContaining("listed twice");
        Files.writeString(bad, "fovA imgX\nfovB\n");
        assertThatThrownBy(() -> Pairing.readPairsFile(bad)).hasMessageContaining("every line or on none");
        assertThatThrownBy(() -> Pairing.readPairsFile(dir.resolve("none.txt")))
                .isInstanceOfSatisfying(JobException.class, e -> assertThat(e.exitCode()).isEqualTo(1));
    }
}
