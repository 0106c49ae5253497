package org.rasteragg.zarr.ome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/** Parsing and writing of OME-NGFF coordinate transformation JSON. Stateless. */
final class Transforms {

    private Transforms() {
    }

    /** Composes a list of NGFF transformations ({@code [{"type": "scale", ...}, ...]}), applied in order. */
    static Transform parseList(JsonNode list, int ndim, String where) {
        Transform t = Transform.identity(ndim);
        if (list == null || list.isNull()) {
            return t;
        }
        if (!list.isArray()) {
            throw new ZarrFormatException(where + ": coordinateTransformations must be an array, found " + list);
        }
        for (JsonNode one : list) {
            t = t.then(parse(one, ndim, where));
        }
        return t;
    }

    /** One NGFF transformation object. */
    static Transform parse(JsonNode node, int ndim, String where) {
        String type = Json.text(node, "type", where);
        switch (type) {
            case "identity":
                return Transform.identity(ndim);
            case "scale":
                return Transform.ofScale(vector(node, "scale", ndim, where));
            case "translation":
                return Transform.ofTranslation(vector(node, "translation", ndim, where));
            case "sequence":
                return parseList(node.get("transformations"), ndim, where);
            case "affine":
                return affine(node.get("affine"), ndim, where);
            default:
                throw new ZarrFormatException(where + ": unsupported coordinate transformation '" + type
                        + "'; supported: identity, scale, translation, sequence, affine without rotation");
        }
    }

    private static double[] vector(JsonNode node, String field, int ndim, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.size() != ndim) {
            throw new ZarrFormatException(where + ": '" + field + "' must be an array of " + ndim
                    + " numbers, found " + v + (node.has("path") ? " (stored in a file: not supported)" : ""));
        }
        double[] r = new double[ndim];
        for (int i = 0; i < ndim; i++) {
            if (!v.get(i).isNumber()) {
                throw new ZarrFormatException(where + ": '" + field + "' holds a non-number: " + v);
            }
            r[i] = v.get(i).asDouble();
        }
        return r;
    }

    /** An (ndim+1)x(ndim+1) matrix (or its first ndim rows) that must be diagonal plus translation. */
    private static Transform affine(JsonNode m, int ndim, String where) {
        if (m == null || !m.isArray() || m.size() < ndim) {
            throw new ZarrFormatException(where + ": affine must be a matrix of " + ndim + "+ rows, found " + m);
        }
        double[] s = new double[ndim];
        double[] t = new double[ndim];
        for (int r = 0; r < ndim; r++) {
            JsonNode row = m.get(r);
            if (row == null || !row.isArray() || row.size() != ndim + 1) {
                throw new ZarrFormatException(where + ": affine row " + r + " must hold " + (ndim + 1) + " numbers");
            }
            for (int c = 0; c < ndim; c++) {
                double v = row.get(c).asDouble();
                if (c == r) {
                    s[r] = v;
                } else if (v != 0) {
                    throw new ZarrFormatException(where + ": affine with rotation or shear is not supported: " + m);
                }
            }
            t[r] = row.get(ndim).asDouble();
        }
        return new Transform(s, t);
    }

    /** NGFF JSON of a transformation: scale, translation, both as a sequence, or identity. */
    static ArrayNode toJsonList(Transform t) {
        ArrayNode list = Json.array();
        boolean unitScale = true;
        boolean zeroShift = true;
        for (int d = 0; d < t.ndim(); d++) {
            unitScale &= t.scale()[d] == 1.0;
            zeroShift &= t.translation()[d] == 0.0;
        }
        if (!unitScale) {
            ObjectNode s = list.addObject().put("type", "scale");
            s.set("scale", Json.doubles(t.scale()));
        }
        if (!zeroShift) {
            ObjectNode s = list.addObject().put("type", "translation");
            s.set("translation", Json.doubles(t.translation()));
        }
        return list;
    }
}
