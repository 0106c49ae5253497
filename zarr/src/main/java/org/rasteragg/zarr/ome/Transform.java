package org.rasteragg.zarr.ome;

import java.util.Arrays;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * An axis-aligned transformation {@code out[d] = in[d] * scale[d] + translation[d]}: what OME-NGFF
 * scale, translation, identity, sequences of these, and affines without rotation or shear amount
 * to. Immutable; arrays copied in and out.
 */
public record Transform(double[] scale, double[] translation) {

    public Transform {
        if (scale.length != translation.length) {
            throw new IllegalArgumentException("scale " + Arrays.toString(scale) + " and translation "
                    + Arrays.toString(translation) + " differ in length");
        }
        scale = scale.clone();
        translation = translation.clone();
    }

    public static Transform identity(int ndim) {
        double[] s = new double[ndim];
        Arrays.fill(s, 1.0);
        return new Transform(s, new double[ndim]);
    }

    public static Transform ofScale(double[] scale) {
        return new Transform(scale, new double[scale.length]);
    }

    public static Transform ofTranslation(double[] translation) {
        double[] s = new double[translation.length];
        Arrays.fill(s, 1.0);
        return new Transform(s, translation);
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    public int ndim() {
        return scale.length;
    }

    /** This transformation followed by {@code next}. */
    public Transform then(Transform next) {
        if (next.ndim() != ndim()) {
            throw new ZarrFormatException("cannot chain a " + ndim() + "-D transformation with a " + next.ndim()
                    + "-D one");
        }
        double[] s = new double[ndim()];
        double[] t = new double[ndim()];
        for (int d = 0; d < s.length; d++) {
            s[d] = scale[d] * next.scale[d];
            t[d] = translation[d] * next.scale[d] + next.translation[d];
        }
        return new Transform(s, t);
    }

    /** The same transformation restricted to the last {@code n} axes (e.g. drop the channel axis). */
    public Transform lastAxes(int n) {
        int from = ndim() - n;
        return new Transform(Arrays.copyOfRange(scale, from, ndim()), Arrays.copyOfRange(translation, from, ndim()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transform t && Arrays.equals(scale, t.scale) && Arrays.equals(translation, t.translation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(scale) * 31 + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        return "Transform[scale=" + Arrays.toString(scale) + ", translation=" + Arrays.toString(translation) + "]";
    }
}
