package org.rasteragg.core.table;

import org.rasteragg.core.state.Int128;
import org.rasteragg.core.state.LabelState;

/**
 * Radii and principal axes of a label's voxel coordinates (harpy's
 * Featurizer.radii_and_principal_axes; SEMANTICS.md "axes"): the covariance with denominator
 * n - 1 from exact integer moments, then a cyclic Jacobi eigen-decomposition of the symmetric
 * 3 x 3 matrix in float64 (accurate to a few ulps of the largest eigenvalue, also for nearly
 * equal eigenvalues, where closed forms lose digits). Stateless and thread-safe.
 */
final class PrincipalAxes {

    /** Values per label: radius_0..2, then axis_0 (z, y, x), axis_1, axis_2. */
    static final int VALUES = 12;
    private static final int SWEEPS = 60;

    private PrincipalAxes() {
    }

    /** Writes slot {@code slot}'s radii and axes into {@code out[at .. at + 12)}. */
    static void of(LabelState state, int slot, double[] out, int at) {
        long n = state.count(slot);
        if (n < 3) {
            for (int i = 0; i < VALUES; i++) {
                out[at + i] = 0;
            }
            out[at + 3] = 1;
            out[at + 7] = 1;
            out[at + 11] = 1;
            return;
        }
        long[] first = {state.coordinateMoment(slot, 0), state.coordinateMoment(slot, 1),
            state.coordinateMoment(slot, 2)};
        double[][] a = new double[3][3];
        double norm = (double) n * (n - 1);
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
        for (int q = 0; q < 6; q++) {
            int i = pairs[q][0];
            int j = pairs[q][1];
            long hi = state.coordinateMoment(slot, 3 + 2 * q);
            long lo = state.coordinateMoment(slot, 4 + 2 * q);
            double c = Int128.scaledMinusProduct(n, hi, lo, first[i], first[j]) / norm;
            a[i][j] = c;
            a[j][i] = c;
        }
        decompose(a, out, at);
    }

    /** Eigenvalues (as radii, largest first) and unit eigenvectors (sign-fixed) of symmetric {@code a}. */
    static void decompose(double[][] a, double[] out, int at) {
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
            double diag = Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]);
            if (off == 0 || off <= 1e-18 * diag) {
                break;
            }
            rotate(a, v, 0, 1);
            rotate(a, v, 0, 2);
            rotate(a, v, 1, 2);
        }
        // Order by eigenvalue, largest first (stable: ties keep the z, y, x order).
        int[] order = {0, 1, 2};
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (a[order[j]][order[j]] > a[order[i]][order[i]]) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            int k = order[i];
            out[at + i] = Math.sqrt(Math.max(0, a[k][k]));
            int big = 0;
            for (int r = 1; r < 3; r++) {
                if (Math.abs(v[r][k]) > Math.abs(v[big][k])) {
                    big = r;
                }
            }
            double sign = v[big][k] < 0 ? -1 : 1;
            for (int r = 0; r < 3; r++) {
                // + 0.0: no negative zeros in the output
                out[at + 3 + 3 * i + r] = sign * v[r][k] + 0.0;
            }
        }
    }

    /** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' stable form), applied to the eigenvectors too. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.abs(theta) > 1e150 ? 1 / (2 * theta)
                : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        double tau = s / (1 + c);
        a[p][p] -= t * apq;
        a[q][q] += t * apq;
        a[p][q] = 0;
        a[q][p] = 0;
        for (int r = 0; r < 3; r++) {
            if (r != p && r != q) {
                double arp = a[r][p];
                double arq = a[r][q];
                a[r][p] = arp - s * (arq + arp * tau);
                a[p][r] = a[r][p];
                a[r][q] = arq + s * (arp - arq * tau);
                a[q][r] = a[r][q];
            }
        }
        for (int r = 0; r < 3; r++) {
            double vrp = v[r][p];
            double vrq = v[r][q];
            v[r][p] = vrp - s * (vrq + vrp * tau);
            v[r][q] = vrq + s * (vrp - vrq * tau);
        }
    }
}
