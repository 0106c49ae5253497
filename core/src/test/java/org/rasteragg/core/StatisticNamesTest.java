package org.rasteragg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Which names select which statistics: "all" is every one, the defaults stay harpy's. */
class StatisticNamesTest {

    @Test
    void allSelectsEveryStatisticAndTheClassicSetStaysTheDefault() {
        assertThat(Statistic.parseList("all")).isEqualTo(EnumSet.allOf(Statistic.class));
        assertThat(Statistic.parseList("mean, Quantile,bbox")).containsExactlyInAnyOrder(Statistic.MEAN,
                Statistic.QUANTILES, Statistic.BBOX);
        assertThat(Statistic.all()).doesNotContainAnyElementsOf(Statistic.BEYOND_HARPY)
                .contains(Statistic.MIN, Statistic.MAX, Statistic.CENTER).containsAll(Statistic.HARPY_STATS);
        assertThat(Statistic.answerable(Statistic.every(), false)).containsExactlyInAnyOrder(Statistic.COUNT,
                Statistic.CENTER, Statistic.BBOX, Statistic.AXES);
    }

    @Test
    void theFrontEndsNamesStayHarpysUntilTheyWriteTheNewColumns() {
        assertThat(Statistic.fromName("area")).isEqualTo(Statistic.COUNT);
        assertThatThrownBy(() -> Statistic.fromName("median")).isInstanceOf(UnknownStatisticException.class)
                .hasMessageContaining("kurtosis");
        assertThat(Statistic.fromAnyName("median")).isEqualTo(Statistic.MEDIAN);
        assertThatThrownBy(() -> Statistic.parseList("mean,mode")).hasMessageContaining("'mode'")
                .hasMessageContaining("wcenter");
        assertThat(Statistic.fromStatsName("axes")).isEqualTo(Statistic.AXES);
        assertThatThrownBy(() -> Statistic.fromStatsName("min")).isInstanceOf(UnknownStatisticException.class);
    }
}
