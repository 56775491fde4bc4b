package io.backprop.engine.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The operations in plain Java loops over the matrices' own buffers ({@link Elements}), for work
 * so small that a native call's fixed cost exceeds the work itself. Every sum runs in float64, in
 * index order; float32 results are rounded once, when stored. Square roots are taken over chunks
 * copied to the heap, where the JIT vectorises them.
 */
public final class JavaKernels implements Kernels {

    private static final int CHUNK = 4096;
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[CHUNK]);
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[CHUNK]);

    /**
     * z = aPrev · Wᵀ + b; each sum starts from the bias and adds the products in index order.
     * Four outputs are summed at a time, so each input row is read once per four weight rows.
     */
    @Override
    public void dense(INDArray aPrev, INDArray weights, INDArray biases, INDArray z) {
        if (RowMajorDense.applies(aPrev, weights, biases, z)) {
            RowMajorDense.dense(aPrev, weights, biases, z);
            return;
        }
        int m = (int) z.rows();
        int n = (int) z.columns();
        int k = (int) aPrev.columns();
        Elements x = new Elements(aPrev);
        Elements w = new Elements(weights);
        Elements b = biases == null ? null : new Elements(biases);
        Elements out = new Elements(z);
        for (int i = 0; i < m; i++) {
            int j = 0;
            for (; j + 3 < n; j += 4) {
                double s0 = bias(b, j);
                double s1 = bias(b, j + 1);
                double s2 = bias(b, j + 2);
                double s3 = bias(b, j + 3);
                for (int p = 0; p < k; p++) {
                    double xp = x.get(i, p);
                    s0 += xp * w.get(j, p);
                    s1 += xp * w.get(j + 1, p);
                    s2 += xp * w.get(j + 2, p);
                    s3 += xp * w.get(j + 3, p);
                }
                out.set(i, j, s0);
                out.set(i, j + 1, s1);
                out.set(i, j + 2, s2);
                out.set(i, j + 3, s3);
            }
            for (; j < n; j++) {
                double sum = bias(b, j);
                for (int p = 0; p < k; p++) {
                    sum += x.get(i, p) * w.get(j, p);
                }
                out.set(i, j, sum);
            }
        }
    }

    private static double bias(Elements b, int j) {
        return b == null ? 0 : b.get(0, j);
    }

    @Override
    public void gradients(INDArray delta, INDArray aPrev, INDArray weightGradient, INDArray biasGradient) {
        Elements gw = new Elements(weightGradient);
        meanProducts(delta, aPrev, gw::set);
        if (biasGradient != null) {
            Elements gb = new Elements(biasGradient);
            meanDeltas(delta, (j, mean) -> gb.set(0, j, mean));
        }
    }

    /** Each parameter moves by −rate times its gradient, the gradient summed as {@link #gradients} sums it. */
    @Override
    public void descend(double rate, INDArray delta, INDArray aPrev, INDArray weights, INDArray biases) {
        Elements w = new Elements(weights);
        meanProducts(delta, aPrev, (j, p, g) -> w.set(j, p, w.get(j, p) - rate * g));
        if (biases != null) {
            Elements b = new Elements(biases);
            meanDeltas(delta, (j, g) -> b.set(0, j, b.get(0, j) - rate * g));
        }
    }

    /** ∂L/∂W = δᵀ · aPrev / m, element (j, p) handed to {@code out} as soon as it is summed. */
    private static void meanProducts(INDArray delta, INDArray aPrev, MatrixSink out) {
        int m = (int) delta.rows();
        int n = (int) delta.columns();
        int k = (int) aPrev.columns();
        Elements d = new Elements(delta);
        Elements x = new Elements(aPrev);
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += d.get(i, j) * x.get(i, p);
                }
                out.accept(j, p, sum / m);
            }
        }
    }

    /** ∂L/∂b = Σᵢ δᵢ / m, element j handed to {@code out} as soon as it is summed. */
    private static void meanDeltas(INDArray delta, VectorSink out) {
        int m = (int) delta.rows();
        int n = (int) delta.columns();
        Elements d = new Elements(delta);
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += d.get(i, j);
            }
            out.accept(j, sum / m);
        }
    }

    @FunctionalInterface
    private interface MatrixSink {
        void accept(int i, int j, double value);
    }

    @FunctionalInterface
    private interface VectorSink {
        void accept(int j, double value);
    }

    @Override
    public void propagate(INDArray delta, INDArray weights, INDArray dLdaPrev) {
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
                    sum += d.get(i, j) * w.get(j, p);
                }
                out.set(i, p, sum);
            }
        }
    }

    @Override
    public void activate(ElementWise f, INDArray z, INDArray a) {
        map(z, a, f::value);
    }

    @Override
    public void activateBackward(ElementWise f, INDArray z, INDArray dLda, INDArray delta) {
        zip(dLda, z, delta, (g, v) -> g * f.slope(v));
    }

    @Override
    public void softmax(INDArray z, INDArray a) {
        softmax(new Elements(z), new Elements(a), (int) z.rows(), (int) z.columns());
    }

    @Override
    public void softmaxBackward(INDArray z, INDArray dLda, INDArray delta) {
        int m = (int) z.rows();
        int n = (int) z.columns();
        Elements g = new Elements(dLda);
        Elements out = new Elements(delta);
        softmax(new Elements(z), out, m, n);                          // δ holds s for now
        for (int i = 0; i < m; i++) {
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += g.get(i, j) * out.get(i, j);
            }
            for (int j = 0; j < n; j++) {
                out.set(i, j, out.get(i, j) * (g.get(i, j) - dot));
            }
        }
    }

    /** s = exp(z − max z) / Σ exp(z − max z), row by row. */
    private static void softmax(Elements z, Elements s, int m, int n) {
        for (int i = 0; i < m; i++) {
            double max = rowMax(z, i, n);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(z.get(i, j) - max);
                s.set(i, j, e);
                sum += e;
            }
            for (int j = 0; j < n; j++) {
                s.set(i, j, s.get(i, j) / sum);
            }
        }
    }

    private static double rowMax(Elements z, int i, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, z.get(i, j));
        }
        return max;
    }

    @Override
    public double squaredError(INDArray a, INDArray y, INDArray error) {
        Elements as = new Elements(a);
        Elements ys = new Elements(y);
        Elements e = new Elements(error);
        double sum = 0;
        for (int i = 0, m = (int) y.rows(), n = (int) y.columns(); i < m; i++) {
            for (int j = 0; j < n; j++) {
                double difference = as.get(i, j) - ys.get(i, j);
                e.set(i, j, difference);
                sum += difference * difference;
            }
        }
        return sum;
    }

    @Override
    public double softmaxCrossEntropy(INDArray z, INDArray y, INDArray scratch, INDArray spare) {
        Elements zs = new Elements(z);
        Elements ys = new Elements(y);
        double sum = 0;
        for (int i = 0, m = (int) y.rows(), n = (int) y.columns(); i < m; i++) {
            double max = rowMax(zs, i, n);
            double sumExp = 0;
            for (int j = 0; j < n; j++) {
                sumExp += Math.exp(zs.get(i, j) - max);
            }
            double logNormaliser = max + Math.log(sumExp);             // log Σ exp(z)
            for (int j = 0; j < n; j++) {
                sum -= ys.get(i, j) * (zs.get(i, j) - logNormaliser);
            }
        }
        return sum;
    }

    @Override
    public void crossEntropyDelta(INDArray a, INDArray y, INDArray delta) {
        Elements as = new Elements(a);
        Elements ys = new Elements(y);
        Elements d = new Elements(delta);
        for (int i = 0, m = (int) y.rows(), n = (int) y.columns(); i < m; i++) {
            double targetSum = 0;
            for (int j = 0; j < n; j++) {
                targetSum += ys.get(i, j);
            }
            for (int j = 0; j < n; j++) {
                d.set(i, j, as.get(i, j) * targetSum - ys.get(i, j));
            }
        }
    }

    @Override
    public double sigmoidCrossEntropy(INDArray z, INDArray y, INDArray scratch, INDArray spare) {
        Elements zs = new Elements(z);
        Elements ys = new Elements(y);
        double sum = 0;
        for (int i = 0, m = (int) y.rows(), n = (int) y.columns(); i < m; i++) {
            for (int j = 0; j < n; j++) {
                double logit = zs.get(i, j);
                sum += Math.max(logit, 0) - logit * ys.get(i, j) + Math.log1p(Math.exp(-Math.abs(logit)));
            }
        }
        return sum;
    }

    @Override
    public void difference(INDArray a, INDArray y, INDArray out) {
        zip(a, y, out, (u, v) -> u - v);
    }

    @Override
    public void axpy(double alpha, INDArray x, INDArray y) {
        zip(y, x, y, (u, v) -> u + alpha * v);
    }

    /** √ over heap chunks, vectorised by the JIT; element by element where the arrays are not both row-major of one type. */
    @Override
    public void sqrt(INDArray in, INDArray out) {
        if (!Elements.rowMajor(in) || !Elements.rowMajor(out) || in.dataType() != out.dataType()) {
            map(in, out, Math::sqrt);
        } else if (in.dataType() == DataType.FLOAT) {
            floatRoots(in, out);
        } else {
            doubleRoots(in, out);
        }
    }

    private static void floatRoots(INDArray in, INDArray out) {
        FloatBuffer source = in.data().asNioFloat();
        FloatBuffer target = out.data().asNioFloat();
        int from = (int) in.offset();
        int to = (int) out.offset();
        float[] chunk = FLOATS.get();
        for (int start = 0, length = (int) in.length(); start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            source.get(from + start, chunk, 0, count);
            for (int i = 0; i < count; i++) {
                chunk[i] = (float) Math.sqrt(chunk[i]);
            }
            target.put(to + start, chunk, 0, count);
        }
    }

    private static void doubleRoots(INDArray in, INDArray out) {
        DoubleBuffer source = in.data().asNioDouble();
        DoubleBuffer target = out.data().asNioDouble();
        int from = (int) in.offset();
        int to = (int) out.offset();
        double[] chunk = DOUBLES.get();
        for (int start = 0, length = (int) in.length(); start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            source.get(from + start, chunk, 0, count);
            for (int i = 0; i < count; i++) {
                chunk[i] = Math.sqrt(chunk[i]);
            }
            target.put(to + start, chunk, 0, count);
        }
    }

    /** out = f(in), element by element. */
    private static void map(INDArray in, INDArray out, DoubleUnaryOperator f) {
        Elements source = new Elements(in);
        Elements target = new Elements(out);
        for (int i = 0, m = (int) in.rows(), n = (int) in.columns(); i < m; i++) {
            for (int j = 0; j < n; j++) {
                target.set(i, j, f.applyAsDouble(source.get(i, j)));
            }
        }
    }

    /** out = f(u, v), element by element. */
    private static void zip(INDArray u, INDArray v, INDArray out, DoubleBinaryOperator f) {
        Elements us = new Elements(u);
        Elements vs = new Elements(v);
        Elements target = new Elements(out);
        for (int i = 0, m = (int) out.rows(), n = (int) out.columns(); i < m; i++) {
            for (int j = 0; j < n; j++) {
                target.set(i, j, f.applyAsDouble(us.get(i, j), vs.get(i, j)));
            }
        }
    }
}
