package org.rasteragg.job;

import java.nio.file.Path;

/**
 * One field of view: a label mask and the image aggregated over it. Either two elements of the
 * job's SpatialData store (by name) or two Zarr paths.
 *
 * @param labelsName labels/NAME in the store, or null for a path
 * @param imageName images/NAME in the store, or null (a path, or no image)
 * @param labels the mask's Zarr path, or null for a store element
 * @param image the image's Zarr path, or null
 */
public record FovPair(String labelsName, String imageName, Path labels, Path image) {

    public static FovPair ofNames(String labelsName, String imageName) {
        return new FovPair(labelsName, imageName, null, null);
    }

    public static FovPair ofPaths(Path labels, Path image) {
        return new FovPair(null, null, labels, image);
    }

    public boolean hasImage() {
        return imageName != null || image != null;
    }

    /** What the rows of this field of view are labelled with (obs["fov_labels"]): the labels element's name. */
    public String fov() {
        return labelsName != null ? labelsName : String.valueOf(labels.getFileName());
    }

    /** The mask's path inside {@code sdata} (or its own path). */
    public Path labelsPath(Path sdata) {
        return labels != null ? labels : sdata.resolve("labels").resolve(labelsName);
    }

    /** The image's path inside {@code sdata} (or its own path); null without an image. */
    public Path imagePath(Path sdata) {
        return image != null ? image : imageName == null ? null : sdata.resolve("images").resolve(imageName);
    }

    /** "labels cells and image img" for messages. */
    public String describe() {
        String l = labelsName != null ? "labels " + labelsName : "labels " + labels;
        String i = imageName != null ? " and image " + imageName : image != null ? " and image " + image : "";
        return l + i;
    }
}
