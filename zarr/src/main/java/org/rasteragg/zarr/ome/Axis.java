package org.rasteragg.zarr.ome;

/**
 * One OME-NGFF axis.
 *
 * @param name "c", "z", "y", "x", "t", ...
 * @param type "space", "channel", "time", or "" when not given
 * @param unit unit name, or "" when not given
 */
public record Axis(String name, String type, String unit) {

    public static Axis of(String name) {
        String type = switch (name) {
            case "c" -> "channel";
            case "t" -> "time";
            case "x", "y", "z" -> "space";
            default -> "";
        };
        return new Axis(name, type, "");
    }
}
