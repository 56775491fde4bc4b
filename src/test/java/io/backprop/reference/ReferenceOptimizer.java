package io.backprop.reference;

import java.util.ArrayList;
import java.util.List;

/** torch.optim's update rules, written out element by element from PyTorch's documentation and code. */
public final class ReferenceOptimizer {

    private final String type;
    public double lr;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;
    private final double alpha;
    private final boolean centered;
    private final double lrDecay;
    private final double initialAccumulator;
    private int t;
    private final List<double[]> buffer = new ArrayList<>();
    private final List<double[]> first = new ArrayList<>();
    private final List<double[]> second = new ArrayList<>();
    private final List<double[]> maxSecond = new ArrayList<>();
    private final List<double[]> gradAvg = new ArrayList<>();

    public static ReferenceOptimizer sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        return new ReferenceOptimizer("sgd", lr, momentum, dampening, nesterov, weightDecay, 0, 0, 0, false, 0, false, 0, 0);
    }

    public static ReferenceOptimizer adam(String type, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        return new ReferenceOptimizer(type, lr, 0, 0, false, weightDecay, beta1, beta2, eps, amsgrad, 0, false, 0, 0);
    }

    public static ReferenceOptimizer rmsprop(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        return new ReferenceOptimizer("rmsprop", lr, momentum, 0, false, weightDecay, 0, 0, eps, false, alpha, centered, 0, 0);
    }

    public static ReferenceOptimizer adagrad(double lr, double lrDecay, double initialAccumulator, double eps, double weightDecay) {
        return new ReferenceOptimizer("adagrad", lr, 0, 0, false, weightDecay, 0, 0, eps, false, 0, false, lrDecay, initialAccumulator);
    }

    private ReferenceOptimizer(String type, double lr, double momentum, double dampening, boolean nesterov, double weightDecay,
                               double beta1, double beta2, double eps, boolean amsgrad, double alpha, boolean centered,
                               double lrDecay, double initialAccumulator) {
        this.type = type;
        this.lr = lr;
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.amsgrad = amsgrad;
        this.alpha = alpha;
        this.centered = centered;
        this.lrDecay = lrDecay;
        this.initialAccumulator = initialAccumulator;
    }

    public void step(List<double[]> parameters, List<double[]> gradients) {
        t++;
        for (int k = 0; k < parameters.size(); k++) {
            double[] p = parameters.get(k);
            double[] g = gradients.get(k).clone();
            if (buffer.size() <= k) {
                buffer.add(null);
                first.add(new double[p.length]);
                second.add(new double[p.length]);
                maxSecond.add(new double[p.length]);
                gradAvg.add(new double[p.length]);
                if (type.equals("adagrad")) {
                    java.util.Arrays.fill(second.get(k), initialAccumulator);
                }
            }
            for (int i = 0; i < p.length; i++) {
                if (!type.equals("adamw")) {
                    g[i] += weightDecay * p[i];
                }
            }
            switch (type) {
                case "sgd" -> sgd(k, p, g);
                case "adam", "adamw" -> adam(k, p, g);
                case "rmsprop" -> rmsprop(k, p, g);
                default -> adagrad(k, p, g);
            }
        }
    }

    private void sgd(int k, double[] p, double[] g) {
        if (momentum != 0) {
            if (buffer.get(k) == null) {
                buffer.set(k, g.clone());
            } else {
                double[] b = buffer.get(k);
                for (int i = 0; i < p.length; i++) {
                    b[i] = momentum * b[i] + (1 - dampening) * g[i];
                }
            }
            double[] b = buffer.get(k);
            for (int i = 0; i < p.length; i++) {
                g[i] = nesterov ? g[i] + momentum * b[i] : b[i];
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] -= lr * g[i];
        }
    }

    private void adam(int k, double[] p, double[] g) {
        double[] m = first.get(k);
        double[] v = second.get(k);
        double[] vMax = maxSecond.get(k);
        for (int i = 0; i < p.length; i++) {
            if (type.equals("adamw")) {
                p[i] *= 1 - lr * weightDecay;
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double mHat = m[i] / (1 - Math.pow(beta1, t));
            double vUsed = v[i];
            if (amsgrad) {
                vMax[i] = Math.max(vMax[i], v[i]);
                vUsed = vMax[i];
            }
            double vHat = vUsed / (1 - Math.pow(beta2, t));
            p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
    }

    private void rmsprop(int k, double[] p, double[] g) {
        double[] s = second.get(k);
        double[] gBar = gradAvg.get(k);
        double[] b = first.get(k);
        for (int i = 0; i < p.length; i++) {
            s[i] = alpha * s[i] + (1 - alpha) * g[i] * g[i];
            double denominator;
            if (centered) {
                gBar[i] = alpha * gBar[i] + (1 - alpha) * g[i];
                denominator = Math.sqrt(s[i] - gBar[i] * gBar[i]) + eps;
            } else {
                denominator = Math.sqrt(s[i]) + eps;
            }
            if (momentum > 0) {
                b[i] = momentum * b[i] + g[i] / denominator;
                p[i] -= lr * b[i];
            } else {
                p[i] -= lr * g[i] / denominator;
            }
        }
    }

    private void adagrad(int k, double[] p, double[] g) {
        double[] sum = second.get(k);
        double clr = lr / (1 + (t - 1) * lrDecay);
        for (int i = 0; i < p.length; i++) {
            sum[i] += g[i] * g[i];
            p[i] -= clr * g[i] / (Math.sqrt(sum[i]) + eps);
        }
    }
}
