package org.rasteragg.core.state;

/**
 * Pairwise combination of central moments (Chan et al. for M2, Pebay 2008 for M3 and M4): two
 * partial states of disjoint voxel sets give the state of their union without revisiting data.
 *
 * <p>Sums are kept shifted: each part holds {@code S = sum(x - K)} for a shift {@code K} that is one
 * of its own values. Means of shifted data are small, so the difference of the two parts' means,
 * which every formula uses, carries no rounding of a large mean: values like 2^40 +/- 3 keep full
 * float64 accuracy where {@code sum/n - sum/n} would lose about ulp(2^40)/sd of the variance.
 */
final class Moments {

    private Moments() {
    }

    /**
     * Combines part b into part a, in place in the {@code a*} arrays at {@code ia}.
     *
     * @param order 1, 2 or 4: which moments are present
     */
    static void combine(int order, long na, long nb, double[] shiftA, double[] sumA, double[] m2A, double[] m3A,
            double[] m4A, int ia, double shiftB, double sumB, double m2B, double m3B, double m4B) {
        if (nb == 0) {
            return;
        }
        if (na == 0) {
            shiftA[ia] = shiftB;
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
        double shiftDelta = shiftB - shiftA[ia];
        double delta = (sumB / n2 + shiftDelta) - sumA[ia] / n1;
        sumA[ia] += sumB + n2 * shiftDelta;
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
