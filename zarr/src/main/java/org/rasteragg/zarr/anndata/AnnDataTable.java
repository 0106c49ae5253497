package org.rasteragg.zarr.anndata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link AnnDataWriter} writes: obs and var dataframes, a dense float64 X (obs x var), obsm
 * matrices and a nested uns dictionary. X and obsm are held column by column ({@link Matrix}) and
 * written row-major a chunk at a time. Immutable container; primitive arrays are not copied.
 *
 * @param obs observations (rows of X)
 * @param var variables (columns of X)
 * @param xMatrix X, {@code obs.rows()} x {@code var.rows()}
 * @param obsmMatrices per-observation matrices, each of {@code obs.rows()} rows
 * @param uns unstructured data: values are String, List&lt;String&gt;, Long, Integer, Double,
 *     long[], double[], or a nested Map&lt;String, Object&gt;
 */
public record AnnDataTable(DataFrame obs, DataFrame var, Matrix xMatrix, Map<String, Matrix> obsmMatrices,
        Map<String, Object> uns) {

    public AnnDataTable {
        if (xMatrix.rows() != obs.rows() || xMatrix.width() != var.rows()) {
            throw new IllegalArgumentException("X is " + xMatrix.rows() + " x " + xMatrix.width() + ", obs x var is "
                    + obs.rows() + " x " + var.rows());
        }
        obsmMatrices = Collections.unmodifiableMap(new LinkedHashMap<>(obsmMatrices));
        uns = Collections.unmodifiableMap(new LinkedHashMap<>(uns));
        for (Map.Entry<String, Matrix> e : obsmMatrices.entrySet()) {
            if (e.getValue().rows() != obs.rows()) {
                throw new IllegalArgumentException("obsm '" + e.getKey() + "' has " + e.getValue().rows()
                        + " rows, obs " + obs.rows());
            }
        }
    }

    /** X in row-major order, {@code obs.rows() * var.rows()} values (a copy; small tables, tests). */
    public double[] x() {
        return xMatrix.rowMajor();
    }

    /** The obsm matrices as an array per row (copies; small tables, tests). */
    public Map<String, double[][]> obsm() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        obsmMatrices.forEach((k, m) -> out.put(k, m.toRows()));
        return out;
    }
}
