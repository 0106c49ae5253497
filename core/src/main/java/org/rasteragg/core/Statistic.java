package org.rasteragg.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The per-label statistics. {@link #key()} is the name harpy and the CLI use. */
public enum Statistic {
    COUNT("count"), SUM("sum"), MEAN("mean"), VAR("var"), SKEW("skew"), KURTOSIS("kurtosis"), MIN("min"),
    MAX("max"), CENTER("center"),
    // Beyond harpy (SEMANTICS.md "Statistics beyond harpy"); opt-in, never in a default set.
    STD("std"), MEDIAN("median"), QUANTILES("quantiles"), BBOX("bbox"), WCENTER("wcenter"), AXES("axes");

    /** harpy's aggregate_stats defaults, in its order. */
    public static final List<Statistic> HARPY_STATS = List.of(SUM, MEAN, COUNT, VAR, KURTOSIS, SKEW);

    /** The statistics added beyond harpy's RasterAggregator (issue 17). */
    public static final Set<Statistic> BEYOND_HARPY = Collections.unmodifiableSet(
            EnumSet.of(STD, MEDIAN, QUANTILES, BBOX, WCENTER, AXES));

    /** harpy's default quantiles (its Featurizer's), as a user would write them. */
    public static final List<String> DEFAULT_QUANTILES = List.of("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7",
            "0.8", "0.9");

    private final String key;

    Statistic(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether the statistic is computed from image values (count, center, bbox and axes need only the mask). */
    public boolean needsImage() {
        return this != COUNT && this != CENTER && this != BBOX && this != AXES;
    }

    /**
     * harpy's statistics plus min, max and center: what the front ends computed before issue 17
     * and still compute by default. Kept under this name so that their outputs do not change;
     * {@link #every()} is {@code --stats all}.
     */
    public static Set<Statistic> all() {
        EnumSet<Statistic> s = EnumSet.allOf(Statistic.class);
        s.removeAll(BEYOND_HARPY);
        return s;
    }

    /** Every statistic, those beyond harpy included ({@code --stats all}). */
    public static Set<Statistic> every() {
        return EnumSet.allOf(Statistic.class);
    }

    /** The statistics of {@code stats} that the mask alone answers, or all of them with an image. */
    public static Set<Statistic> answerable(Set<Statistic> stats, boolean withImage) {
        EnumSet<Statistic> s = EnumSet.noneOf(Statistic.class);
        for (Statistic x : stats) {
            if (withImage || !x.needsImage()) {
                s.add(x);
            }
        }
        return s;
    }

    /**
     * A comma-separated list of names as {@link #fromAnyName} takes them; "all" is {@link #every()}.
     *
     * @throws UnknownStatisticException for an unknown name
     */
    public static Set<Statistic> parseList(String names) {
        EnumSet<Statistic> s = EnumSet.noneOf(Statistic.class);
        for (String n : names.split(",")) {
            if (n.trim().equalsIgnoreCase("all")) {
                s.addAll(every());
            } else if (!n.isBlank()) {
                s.add(fromAnyName(n));
            }
        }
        return s;
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
     * A name as {@code RasterAggregator.aggregateStats} accepts it: harpy's (sum, mean, count, var,
     * kurtosis, skew) or one beyond harpy (std, median, quantiles, bbox, wcenter, axes).
     *
     * @throws UnknownStatisticException naming the valid names
     */
    public static Statistic fromStatsName(String name) {
        for (Statistic s : BEYOND_HARPY) {
            if (s.key.equals(name)) {
                return s;
            }
        }
        for (Statistic s : HARPY_STATS) {
            if (s.key.equals(name)) {
                return s;
            }
        }
        throw new UnknownStatisticException("unknown statistic '" + name + "'; valid statistics: "
                + java.util.stream.Stream.concat(HARPY_STATS.stream(), BEYOND_HARPY.stream()).map(Statistic::key)
                        .collect(Collectors.joining(", ")));
    }

    /**
     * A name as the CLI accepts it: a {@link #key()} of {@link #all()}, case-insensitive, plus
     * "area" for count and "center_of_mass" for center. The statistics beyond harpy are not taken
     * here until the front ends write their columns ({@link #fromAnyName} takes them).
     *
     * @throws UnknownStatisticException naming the valid names
     */
    public static Statistic fromName(String name) {
        return lookup(name, all());
    }

    /**
     * Any statistic's name: {@link #fromName}'s plus std, median, quantiles (also "quantile"),
     * bbox, wcenter and axes.
     *
     * @throws UnknownStatisticException naming the valid names
     */
    public static Statistic fromAnyName(String name) {
        return lookup(name, every());
    }

    private static Statistic lookup(String name, Set<Statistic> valid) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Statistic alias = switch (n) {
            case "area" -> COUNT;
            case "center_of_mass" -> CENTER;
            case "quantile" -> QUANTILES;
            default -> null;
        };
        for (Statistic s : valid) {
            if (s == alias || s.key.equals(n)) {
                return s;
            }
        }
        throw new UnknownStatisticException("unknown statistic '" + name + "'; valid statistics: "
                + valid.stream().map(Statistic::key).collect(Collectors.joining(", ")));
    }
}
