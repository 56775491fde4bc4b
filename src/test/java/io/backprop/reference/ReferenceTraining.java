package io.backprop.reference;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Full-batch or in-order mini-batch training of a {@link ReferenceNetwork}: loss and gradients,
 * optional clipping, optimizer step; after each epoch (or each step, with {@code perStep}) the
 * learning rate is set from a function of the periods done and the period's loss (the schedule, in closed form).
 */
public final class ReferenceTraining {

    private ReferenceTraining() {
    }

    /** Returns the per-epoch mean losses. {@code maxNorm} ≤ 0 and {@code maxValue} ≤ 0 mean no clipping. */
    public static double[] train(ReferenceNetwork network, ReferenceOptimizer optimizer, double[][] x, double[][] y,
                                 int epochs, int batchSize, double maxNorm, double maxValue,
                                 boolean perStep, BiFunction<Integer, Double, Double> rateAfter) {
        double[] history = new double[epochs];
        List<double[]> gradients = network.zeroGradients();
        int steps = 0;
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < x.length; start += batchSize) {
                int end = Math.min(start + batchSize, x.length);
                double[][] xb = java.util.Arrays.copyOfRange(x, start, end);
                double[][] yb = java.util.Arrays.copyOfRange(y, start, end);
                double loss = network.lossAndGradients(xb, yb, gradients);
                sum += loss;
                batches++;
                clip(gradients, maxNorm, maxValue);
                optimizer.step(network.parameters, gradients);
                steps++;
                if (perStep) {
                    optimizer.lr = rateAfter.apply(steps, loss);
                }
            }
            history[e] = sum / batches;
            if (!perStep) {
                optimizer.lr = rateAfter.apply(e + 1, history[e]);
            }
        }
        return history;
    }

    private static void clip(List<double[]> gradients, double maxNorm, double maxValue) {
        if (maxNorm > 0) {
            double squares = 0;
            for (double[] g : gradients) {
                for (double v : g) {
                    squares += v * v;
                }
            }
            double coefficient = maxNorm / (Math.sqrt(squares) + 1e-6);
            if (coefficient < 1) {
                gradients.forEach(g -> {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= coefficient;
                    }
                });
            }
        }
        if (maxValue > 0) {
            gradients.forEach(g -> {
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-maxValue, Math.min(maxValue, g[i]));
                }
            });
        }
    }
}
