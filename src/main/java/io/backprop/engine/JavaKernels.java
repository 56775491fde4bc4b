package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's arithmetic in plain Java loops, for arrays so small that a native ND4J call's fixed
 * cost (about 10 µs here) exceeds the work itself, such as the 2-2-2 worked example. Each method
 * computes exactly what the ND4J path computes, into the same arrays, in float64 arithmetic.
 * Arrays are [rows, columns], row-major and contiguous (see {@link #suit}).
 */
final class JavaKernels {

    /** The most multiply-adds of a matrix product, or elements of an element-wise step, done here. */
    static final long MAX_WORK = 4096;

    /**
     * The most outputs a loss is computed over here: a loss takes a dozen ND4J calls, which cost
     * more than one Java pass up to about this size (measured at 512 × 10: 112 µs against 226 µs).
     */
    static final long MAX_LOSS_ELEMENTS = 8192;

    private JavaKernels() {
    }

    /** Whether work of the given size on these arrays (nulls ignored) belongs here rather than in ND4J. */
    static boolean suit(long work, INDArray... arrays) {
        return work <= MAX_WORK && reachable(arrays);
    }

    /** Whether a loss over these arrays [m, outputs] belongs here rather than in ND4J. */
    static boolean suitLoss(INDArray z, INDArray... arrays) {
        return z.length() <= MAX_LOSS_ELEMENTS && reachable(z) && reachable(arrays);
    }

    private static boolean reachable(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array != null && !Elements.reachable(array)) {
                return false;
            }
        }
        return true;
    }

    /** z = aPrev · Wᵀ + b: aPrev [m, k], W [n, k], b with n elements or {@code null}, z [m, n]. */
    static void dense(INDArray aPrev, INDArray weights, INDArray biases, INDArray z) {
        int m = (int) z.rows();
        int n = (int) z.columns();
        int k = (int) aPrev.columns();
        Elements x = new Elements(aPrev);
        Elements w = new Elements(weights);
        Elements b = biases == null ? null : new Elements(biases);
        Elements out = new Elements(z);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = b == null ? 0 : b.get(j);
                for (int p = 0; p < k; p++) {
                    sum += x.get((long) i * k + p) * w.get((long) j * k + p);
                }
                out.set((long) i * n + j, sum);
            }
        }
    }

    /** ∂L/∂W = δᵀ · aPrev / m [n, k] and ∂L/∂b = Σᵢ δᵢ / m (n elements, or {@code null}), from δ [m, n]. */
    static void gradients(INDArray delta, INDArray aPrev, INDArray weightGradient, INDArray biasGradient) {
        int m = (int) delta.rows();
        int n = (int) delta.columns();
        int k = (int) aPrev.columns();
        Elements d = new Elements(delta);
        Elements x = new Elements(aPrev);
        Elements gw = new Elements(weightGradient);
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += d.get((long) i * n + j) * x.get((long) i * k + p);
                }
                gw.set((long) j * k + p, sum / m);
            }
        }
        if (biasGradient != null) {
            Elements gb = new Elements(biasGradient);
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += d.get((long) i * n + j);
                }
                gb.set(j, sum / m);
            }
        }
    }

    /** ∂L/∂aPrev = δ · W [m, k], from δ [m, n] and W [n, k]. */
    static void propagate(INDArray delta, INDArray weights, INDArray dLdaPrev) {
        int m = (int) delta.rows();
        int n = (int) delta.columns();
        int k = (int) weights.columns();
        Elements d = new Elements(delta);
        Elements w = new Elements(weights);
        Elements out = new Elements(dLdaPrev);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += d.get((long) i * n + j) * w.get((long) j * k + p);
                }
                out.set((long) i * k + p, sum);
            }
        }
    }

    /** a = f(z), element by element (softmax row by row). */
    static void activate(Activation f, INDArray z, INDArray a) {
        Elements in = new Elements(z);
        Elements out = new Elements(a);
        if (f == Activation.SOFTMAX) {
            softmax(in, out, (int) z.rows(), (int) z.columns());
            return;
        }
        for (long i = 0, length = z.length(); i < length; i++) {
            out.set(i, value(f, in.get(i)));
        }
    }

    /** δ = ∂L/∂a ⊙ f′(z); for softmax δ = s ⊙ (g − Σₖ gₖ sₖ) with s = softmax(z), g = ∂L/∂a, row by row. */
    static void activationBackward(Activation f, INDArray z, INDArray dLda, INDArray delta) {
        Elements in = new Elements(z);
        Elements g = new Elements(dLda);
        Elements out = new Elements(delta);
        if (f == Activation.SOFTMAX) {
            int m = (int) z.rows();
            int n = (int) z.columns();
            softmax(in, out, m, n);                                   // δ holds s for now
            for (int i = 0; i < m; i++) {
                long row = (long) i * n;
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += g.get(row + j) * out.get(row + j);
                }
                for (int j = 0; j < n; j++) {
                    out.set(row + j, out.get(row + j) * (g.get(row + j) - dot));
                }
            }
            return;
        }
        for (long i = 0, length = z.length(); i < length; i++) {
            out.set(i, g.get(i) * slope(f, in.get(i)));
        }
    }

    /**
     * The loss L as {@link Loss} defines it, and the output layer's δ [m, outputs] into {@code delta};
     * {@code scratch} is overwritten.
     */
    static double loss(Loss loss, Activation output, INDArray z, INDArray a, INDArray y, INDArray scratch,
                       INDArray delta, boolean withDelta) {
        int m = (int) y.rows();
        int n = (int) y.columns();
        Elements zs = new Elements(z);
        Elements as = new Elements(a);
        Elements ys = new Elements(y);
        Elements d = new Elements(delta);
        double sum = 0;
        switch (loss) {
            case MSE -> {
                Elements error = new Elements(scratch);
                for (long i = 0, length = (long) m * n; i < length; i++) {
                    double e = as.get(i) - ys.get(i);                   // a − y
                    error.set(i, e);
                    sum += e * e;
                }
                if (withDelta) {
                    activationBackward(output, z, scratch, delta);       // δ = (a − y) ⊙ f′(z)
                }
                return 0.5 * sum / m;
            }
            case CROSS_ENTROPY -> {
                for (int i = 0; i < m; i++) {
                    long row = (long) i * n;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        max = Math.max(max, zs.get(row + j));
                    }
                    double sumExp = 0;
                    double targetSum = 0;
                    for (int j = 0; j < n; j++) {
                        sumExp += Math.exp(zs.get(row + j) - max);
                        targetSum += ys.get(row + j);
                    }
                    double logNormaliser = max + Math.log(sumExp);     // log Σ exp(z)
                    for (int j = 0; j < n; j++) {
                        double target = ys.get(row + j);
                        sum -= target * (zs.get(row + j) - logNormaliser);
                        if (withDelta) {
                            d.set(row + j, as.get(row + j) * targetSum - target); // δ = a·Σₖyₖ − y
                        }
                    }
                }
                return sum / m;
            }
            case BINARY_CROSS_ENTROPY -> {
                for (long i = 0, length = (long) m * n; i < length; i++) {
                    double logit = zs.get(i);
                    double target = ys.get(i);
                    sum += Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
                    if (withDelta) {
                        d.set(i, as.get(i) - target);                     // δ = σ(z) − y
                    }
                }
                return sum / m;
            }
            default -> throw new IllegalArgumentException("no loss " + loss);
        }
    }

    /** y += alpha · x, element by element. */
    static void axpy(double alpha, INDArray x, INDArray y) {
        Elements in = new Elements(x);
        Elements out = new Elements(y);
        for (long i = 0, length = y.length(); i < length; i++) {
            out.set(i, out.get(i) + alpha * in.get(i));
        }
    }

    /** f(z) of an element-wise activation. */
    static double value(Activation f, double z) {
        return switch (f) {
            case IDENTITY -> z;
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> z > 0 ? z : 0;
            case LEAKY_RELU -> z > 0 ? z : Activation.LEAKY_SLOPE * z;
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    private static double slope(Activation f, double z) {
        return switch (f) {
            case IDENTITY -> 1;
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 - s);
            }
            case TANH -> {
                double t = Math.tanh(z);
                yield 1 - t * t;
            }
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z > 0 ? 1 : Activation.LEAKY_SLOPE;
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /** s = softmax(z) row by row, computed as exp(z − max z) / Σ exp(z − max z). */
    private static void softmax(Elements z, Elements s, int m, int n) {
        for (int i = 0; i < m; i++) {
            long row = (long) i * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z.get(row + j));
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(z.get(row + j) - max);
                s.set(row + j, e);
                sum += e;
            }
            for (int j = 0; j < n; j++) {
                s.set(row + j, s.get(row + j) / sum);
            }
        }
    }
}
