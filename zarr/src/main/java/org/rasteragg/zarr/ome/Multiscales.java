package org.rasteragg.zarr.ome;

import java.util.List;

/**
 * The first OME-NGFF {@code multiscales} entry of an image: axes, levels and the transformations.
 *
 * @param version NGFF version string ("0.4", "0.5"), "" when absent
 * @param name the multiscale's name, "" when absent
 * @param axes the axes, in array order
 * @param levels the levels, level 0 (full resolution) first
 * @param transforms the multiscale-level transformations by output coordinate system ("" key for
 *     transformations without an output, i.e. plain NGFF)
 */
public record Multiscales(String version, String name, List<Axis> axes, List<Level> levels,
        java.util.Map<String, Transform> transforms) {

    /**
     * One resolution level.
     *
     * @param path the array's path relative to the image group ("0")
     * @param transform the level's own scale/translation (array index to physical units)
     */
    public record Level(String path, Transform transform) {
    }

    public Multiscales {
        axes = List.copyOf(axes);
        levels = List.copyOf(levels);
        transforms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(transforms));
    }

    /** Axis names in array order ("c", "y", "x"). */
    public List<String> axisNames() {
        return axes.stream().map(Axis::name).toList();
    }

    /** Index of the axis named {@code name}, or -1. */
    public int axisIndex(String name) {
        return axisNames().indexOf(name);
    }
}
