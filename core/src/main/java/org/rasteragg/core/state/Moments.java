package org.rasteragg.core.state;

/**
 * Pairwise combination of central moments (Chan et al. for M2, Pebay 2008 for M3 and M4): two
 * partial states (n, sum, M2, M3, M4) of disjoint voxel sets give the state of their union without
 * revisiting data. Exact in algebra; in float64 it keeps the accuracy of the parts, unlike power
 * sums, which lose everything on data such as 60000 +/- 3.
 */
final class Moments {

    private Moments() {
    }

    /**
     * Combines part b into part a, in place in {@code a*} arrays at {@code ia}.
     *
     * @param order 1, 2 or 4: which moments are present
     */
    static void combine(int order, long na, long nb, double[] sumA, double[] m2A, double[] m3A, double[] m4A, int ia,
            double sumB, double m2B, double m3B, double m4B) {
        if (nb == 0) {
            return;
        }
        if (na == 0) {
            sumA[ia] = sumB;
            if (order >= 2) {
                m2A[ia] = m2B;
            }
            if (order >= 4) {
                m3A[ia] = m3B;
                m4A[ia] = m4B;
            }
            return;
        }
        double n1 = na;
        double n2 = nb;
        double n = n1 + n2;
        double delta = sumB / n2 - sumA[ia] / n1;
        sumA[ia] += sumB;
        if (order < 2) {
            return;
        }
        double m2a = m2A[ia];
        double delta2 = delta * delta;
        m2A[ia] = m2a + m2B + delta2 * n1 * n2 / n;
        if (order < 4) {
            return;
        }
        double m3a = m3A[ia];
        m3A[ia] = m3a + m3B + delta2 * delta * n1 * n2 * (n1 - n2) / (n * n)
                + 3.0 * delta * (n1 * m2B - n2 * m2a) / n;
        m4A[ia] = m4A[ia] + m4B + delta2 * delta2 * n1 * n2 * (n1 * n1 - n1 * n2 + n2 * n2) / (n * n * n)
                + 6.0 * delta2 * (n1 * n1 * m2B + n2 * n2 * m2a) / (n * n)
                + 4.0 * delta * (n1 * m3B - n2 * m3a) / n;
    }
}
