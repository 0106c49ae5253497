package org.rasteragg.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One requested quantile: the probability as the user wrote it (the column is {@code q{text}_{channel}})
 * and its value.
 *
 * @param text as written, e.g. "0.1" or "0.25"
 * @param probability in [0, 1]
 */
public record Quantile(String text, double probability) {

    /** The median: quantile 0.5, column {@code median_{channel}}. */
    public static final Quantile MEDIAN = new Quantile("0.5", 0.5);

    public Quantile {
        probability += 0.0; // -0.0 is 0
        if (!(probability >= 0 && probability <= 1)) {
            throw new InvalidInputException("quantile " + text + " is not in [0, 1]");
        }
    }

    /**
     * Parses quantiles as the user wrote them.
     *
     * @throws InvalidInputException for a value that is not a number in [0, 1] or a repeated text
     */
    public static List<Quantile> parse(List<String> texts) {
        List<Quantile> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String t : texts) {
            String s = t.trim();
            double q;
            try {
                q = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("quantile '" + t + "' is not a number; quantiles are numbers in "
                        + "[0, 1] such as 0.1,0.5,0.9");
            }
            if (!seen.add(s)) {
                throw new InvalidInputException("quantile " + s + " is requested twice");
            }
            out.add(new Quantile(s, q));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("no quantiles requested; give numbers in [0, 1] such as 0.1,0.5,0.9");
        }
        return out;
    }

    /** harpy's default quantiles, 0.1 to 0.9. */
    public static List<Quantile> defaults() {
        return parse(Statistic.DEFAULT_QUANTILES);
    }

    /**
     * The distinct probabilities, ascending, that a state must keep for {@code stats}: those of
     * {@code quantiles} with QUANTILES, and 0.5 with MEDIAN; empty without either.
     */
    public static List<Double> probabilities(Set<Statistic> stats, List<Quantile> quantiles) {
        TreeSet<Double> p = new TreeSet<>();
        if (stats.contains(Statistic.QUANTILES)) {
            quantiles.forEach(q -> p.add(q.probability()));
        }
        if (stats.contains(Statistic.MEDIAN)) {
            p.add(0.5);
        }
        return List.copyOf(p);
    }
}
