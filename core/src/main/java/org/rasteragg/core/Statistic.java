package org.rasteragg.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The per-label statistics. {@link #key()} is the name harpy and the CLI use. */
public enum Statistic {
    COUNT("count"), SUM("sum"), MEAN("mean"), VAR("var"), SKEW("skew"), KURTOSIS("kurtosis"), MIN("min"),
    MAX("max"), CENTER("center");

    /** harpy's aggregate_stats defaults, in its order. */
    public static final List<Statistic> HARPY_STATS = List.of(SUM, MEAN, COUNT, VAR, KURTOSIS, SKEW);

    private final String key;

    Statistic(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether the statistic is computed from image values (count and center need only the mask). */
    public boolean needsImage() {
        return this != COUNT && this != CENTER;
    }

    /** Every statistic. */
    public static Set<Statistic> all() {
        return EnumSet.allOf(Statistic.class);
    }

    /**
     * A name as harpy's aggregate_stats accepts it: sum, mean, count, var, kurtosis, skew.
     *
     * @throws UnknownStatisticException naming the valid names
     */
    public static Statistic fromHarpyName(String name) {
        for (Statistic s : HARPY_STATS) {
            if (s.key.equals(name)) {
                return s;
            }
        }
        throw new UnknownStatisticException("unknown statistic '" + name + "'; valid statistics: "
                + HARPY_STATS.stream().map(Statistic::key).collect(Collectors.joining(", ")));
    }

    /**
     * A name as the CLI accepts it: any {@link #key()}, case-insensitive, plus "area" for count and
     * "center_of_mass" for center.
     *
     * @throws UnknownStatisticException naming the valid names
     */
    public static Statistic fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("area")) {
            return COUNT;
        }
        if (n.equals("center_of_mass")) {
            return CENTER;
        }
        for (Statistic s : values()) {
            if (s.key.equals(n)) {
                return s;
            }
        }
        throw new UnknownStatisticException("unknown statistic '" + name + "'; valid statistics: "
                + Arrays.stream(values()).map(Statistic::key).collect(Collectors.joining(", ")));
    }
}
