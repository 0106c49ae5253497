package org.rasteragg.zarr.anndata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AnnData dataframe: a string index (with a name) and ordered columns of the same length.
 * Immutable (the column map is copied; column arrays are not).
 */
public record DataFrame(String indexName, List<String> index, Map<String, Column> columns) {

    public DataFrame {
        // Generated obs names stay generated (10^7 strings would not fit); other lists are copied.
        index = index instanceof LabelNames ? index : List.copyOf(index);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        for (Map.Entry<String, Column> e : columns.entrySet()) {
            if (e.getValue().length() != index.size()) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' has " + e.getValue().length()
                        + " rows, the index " + index.size());
            }
            if (e.getKey().equals(indexName)) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' has the index's name");
            }
        }
    }

    public int rows() {
        return index.size();
    }
}
