package org.rasteragg.job;

/**
 * One field of view: a label mask and the image aggregated over it. Either two elements of the
 * job's SpatialData store (by name) or two Zarr locations (paths or URIs).
 *
 * @param labelsName labels/NAME in the store, or null for a path
 * @param imageName images/NAME in the store, or null (a path, or no image)
 * @param labels the mask's Zarr location, or null for a store element
 * @param image the image's Zarr location, or null
 */
public record FovPair(String labelsName, String imageName, String labels, String image) {

    public static FovPair ofNames(String labelsName, String imageName) {
        return new FovPair(labelsName, imageName, null, null);
    }

    public static FovPair ofPaths(String labels, String image) {
        return new FovPair(null, null, labels, image);
    }

    public boolean hasImage() {
        return imageName != null || image != null;
    }

    /** What the rows of this field of view are labelled with (obs["fov_labels"]): the labels element's name. */
    public String fov() {
        return labelsName != null ? labelsName : lastSegment(labels);
    }

    /** The last name of a path or URI ("cells" for "s3://b/x.zarr/labels/cells/"). */
    public static String lastSegment(String location) {
        String s = location;
        while (s.length() > 1 && (s.endsWith("/") || s.endsWith("\\"))) {
            s = s.substring(0, s.length() - 1);
        }
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return s.substring(cut + 1);
    }

    /** The mask's location inside {@code sdata} (or its own location). */
    public String labelsPath(String sdata) {
        return labels != null ? labels : within(sdata, "labels", labelsName);
    }

    /** The image's location inside {@code sdata} (or its own location); null without an image. */
    public String imagePath(String sdata) {
        return image != null ? image : imageName == null ? null : within(sdata, "images", imageName);
    }

    /** {@code sdata/kind/name} for a path or a URI. */
    public static String within(String sdata, String kind, String name) {
        String base = sdata.endsWith("/") ? sdata.substring(0, sdata.length() - 1) : sdata;
        return base + "/" + kind + "/" + name;
    }

    /** "labels cells and image img" for messages. */
    public String describe() {
        String l = labelsName != null ? "labels " + labelsName : "labels " + labels;
        String i = imageName != null ? " and image " + imageName : image != null ? " and image " + image : "";
        return l + i;
    }
}
