package org.rasteragg.zarr.ome;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.store.Store;

/**
 * Writes an OME-Zarr image or labels group with one full-resolution level ("0"): NGFF 0.4 on Zarr
 * v2, 0.5 on Zarr v3. {@link Builder#create()} writes the metadata and returns the level-0 array
 * writer, whose chunks the caller writes (in parallel if it likes). Transformations to named
 * coordinate systems are written the way SpatialData stores them (multiscale-level
 * {@code coordinateTransformations} with {@code input}/{@code output}).
 */
public final class OmeZarrWriter {

    private OmeZarrWriter() {
    }

    /** A new image (or labels) group at {@code path}. */
    public static Builder builder(Store store, String path) {
        return new Builder(store, path);
    }

    /** Definition of an image group. Not thread-safe. */
    public static final class Builder {
        private final Store store;
        private final String path;
        private int zarrFormat = 2;
        private List<String> axes;
        private long[] shape;
        private int[] chunks;
        private int[] shards;
        private DType dtype;
        private CodecConfig compressor;
        private List<String> channelNames;
        private boolean labels;
        private String name;
        private final Map<String, Transform> transforms = new LinkedHashMap<>();
        private boolean overwrite;

        private Builder(Store store, String path) {
            this.store = store;
            this.path = path;
            this.name = path.substring(path.lastIndexOf('/') + 1);
        }

        /** 2 (NGFF 0.4, default) or 3 (NGFF 0.5). */
        public Builder zarrFormat(int format) {
            this.zarrFormat = format;
            return this;
        }

        /** Axis names in array order: ("c","y","x"), ("c","z","y","x"), ("y","x"), ("z","y","x"). */
        public Builder axes(String... axes) {
            this.axes = List.of(axes);
            return this;
        }

        public Builder shape(long... shape) {
            this.shape = shape.clone();
            return this;
        }

        public Builder chunks(int... chunks) {
            this.chunks = chunks.clone();
            return this;
        }

        /** Zarr v3 only: shard shape (a multiple of the chunk shape). */
        public Builder shards(int... shards) {
            this.shards = shards.clone();
            return this;
        }

        public Builder dtype(DType dtype) {
            this.dtype = dtype;
            return this;
        }

        public Builder compressor(CodecConfig compressor) {
            this.compressor = compressor;
            return this;
        }

        /** Written as omero channel labels (images with a "c" axis). */
        public Builder channelNames(List<String> names) {
            this.channelNames = List.copyOf(names);
            return this;
        }

        /** Mark the group as a labels image (adds NGFF {@code image-label} metadata). */
        public Builder labels(boolean labels) {
            this.labels = labels;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The transformation from array indices to {@code coordinateSystem} (one entry per system). */
        public Builder transformation(String coordinateSystem, Transform transform) {
            transforms.put(coordinateSystem, transform);
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** Writes the group metadata and returns the writer of level "0". */
        public ZarrArrayWriter create() {
            if (axes == null || shape == null || dtype == null || axes.size() != shape.length) {
                throw new IllegalArgumentException("axes, shape and dtype are required, axes " + axes
                        + " matching the shape's dimensions");
            }
            int ndim = shape.length;
            ArrayNode axesJson = Json.array();
            for (String a : axes) {
                Axis axis = Axis.of(a);
                ObjectNode o = axesJson.addObject().put("name", a);
                if (!axis.type().isEmpty()) {
                    o.put("type", axis.type());
                }
            }
            ObjectNode multiscale = Json.object();
            String version = zarrFormat == 3 ? "0.5" : "0.4";
            if (zarrFormat != 3) {
                multiscale.put("version", version);
            }
            multiscale.put("name", name);
            multiscale.set("axes", axesJson);
            ObjectNode level0 = multiscale.putArray("datasets").addObject().put("path", "0");
            // NGFF requires one scale per dataset; level 0 is the array's own index space.
            level0.set("coordinateTransformations", identityScale(ndim));
            ArrayNode cts = multiscale.putArray("coordinateTransformations");
            Map<String, Transform> systems = transforms.isEmpty()
                    ? Map.of(OmeZarrImage.DEFAULT_COORDINATE_SYSTEM, Transform.identity(ndim)) : transforms;
            for (Map.Entry<String, Transform> e : systems.entrySet()) {
                ArrayNode steps = Transforms.toJsonList(e.getValue());
                ObjectNode t;
                if (steps.isEmpty()) {
                    t = Json.object().put("type", "identity");
                } else if (steps.size() == 1) {
                    t = (ObjectNode) steps.get(0);
                } else {
                    t = Json.object().put("type", "sequence");
                    t.set("transformations", steps);
                }
                t.set("input", Json.object().put("name", name).set("axes", axesJson.deepCopy()));
                t.set("output", Json.object().put("name", e.getKey()).set("axes", axesJson.deepCopy()));
                cts.add(t);
            }
            ObjectNode ome = Json.object();
            if (zarrFormat == 3) {
                ome.put("version", version);
            }
            ome.putArray("multiscales").add(multiscale);
            if (channelNames != null) {
                ObjectNode omero = ome.putObject("omero");
                ArrayNode ch = omero.putArray("channels");
                for (String c : channelNames) {
                    ch.addObject().put("label", c);
                }
            }
            if (labels) {
                ome.putObject("image-label").put("version", version);
            }
            ObjectNode attrs = Json.object();
            if (zarrFormat == 3) {
                attrs.set("ome", ome);
            } else {
                attrs.setAll(ome);
            }
            attrs.putObject("spatialdata_attrs").put("version", "0.1");
            if (overwrite) {
                store.delete(path);
            }
            ZarrGroup.create(store, path, zarrFormat, attrs);
            ZarrArrayWriter.Builder level = ZarrArrayWriter.builder(store, Store.join(path, "0")).zarrFormat(zarrFormat)
                    .shape(shape).dtype(dtype).compressor(compressor).dimensionNames(axes).overwrite(overwrite);
            if (chunks != null) {
                level.chunks(chunks);
            }
            if (shards != null) {
                level.shards(shards);
            }
            return level.create();
        }

        private static ArrayNode identityScale(int ndim) {
            ArrayNode list = Json.array();
            double[] ones = new double[ndim];
            java.util.Arrays.fill(ones, 1.0);
            list.addObject().put("type", "scale").set("scale", Json.doubles(ones));
            return list;
        }
    }
}
