package org.rasteragg.zarr.anndata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link AnnDataWriter} writes: obs and var dataframes, a dense float64 X (row-major, obs x
 * var), obsm matrices and a nested uns dictionary. Immutable container; primitive arrays are not
 * copied.
 *
 * @param obs observations (rows of X)
 * @param var variables (columns of X)
 * @param x X in row-major order, {@code obs.rows() * var.rows()} values
 * @param obsm per-observation matrices, each {@code double[obs.rows()][k]}
 * @param uns unstructured data: values are String, List&lt;String&gt;, Long, Integer, Double,
 *     long[], double[], or a nested Map&lt;String, Object&gt;
 */
public record AnnDataTable(DataFrame obs, DataFrame var, double[] x, Map<String, double[][]> obsm,
        Map<String, Object> uns) {

    public AnnDataTable {
        if (x.length != (long) obs.rows() * var.rows()) {
            throw new IllegalArgumentException("X holds " + x.length + " values, obs x var is " + obs.rows() + " x "
                    + var.rows());
        }
        obsm = Collections.unmodifiableMap(new LinkedHashMap<>(obsm));
        uns = Collections.unmodifiableMap(new LinkedHashMap<>(uns));
        for (Map.Entry<String, double[][]> e : obsm.entrySet()) {
            if (e.getValue().length != obs.rows()) {
                throw new IllegalArgumentException("obsm '" + e.getKey() + "' has " + e.getValue().length
                        + " rows, obs " + obs.rows());
            }
        }
    }
}
