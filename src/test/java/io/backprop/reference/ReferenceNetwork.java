package io.backprop.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * A dense network with sigmoid, tanh or ReLU hidden layers, an identity or sigmoid output and the
 * ½-squared-error loss, in plain loops. Parameters are held as flat arrays in the order
 * W₁ (row-major [units][fanIn]), b₁, W₂, b₂, …
 */
public final class ReferenceNetwork {

    private final int[] sizes;
    private final String[] activations;
    public final List<double[]> parameters = new ArrayList<>();

    public ReferenceNetwork(int[] sizes, String[] activations, double[][][] weights, double[][] biases) {
        this.sizes = sizes;
        this.activations = activations;
        for (int l = 0; l < weights.length; l++) {
            double[] flat = new double[sizes[l + 1] * sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                System.arraycopy(weights[l][j], 0, flat, j * sizes[l], sizes[l]);
            }
            parameters.add(flat);
            parameters.add(biases[l].clone());
        }
    }

    /** L = (1/m) Σ ½‖ŷ − y‖²; fills {@code gradients} (same layout as the parameters) with ∂L/∂p. */
    public double lossAndGradients(double[][] x, double[][] y, List<double[]> gradients) {
        int layers = sizes.length - 1;
        for (double[] g : gradients) {
            java.util.Arrays.fill(g, 0);
        }
        double loss = 0;
        int m = x.length;
        for (int s = 0; s < m; s++) {
            double[][] a = new double[layers + 1][];
            a[0] = x[s];
            for (int l = 0; l < layers; l++) {
                double[] w = parameters.get(2 * l);
                double[] b = parameters.get(2 * l + 1);
                a[l + 1] = new double[sizes[l + 1]];
                for (int j = 0; j < sizes[l + 1]; j++) {
                    double z = b[j];
                    for (int i = 0; i < sizes[l]; i++) {
                        z += w[j * sizes[l] + i] * a[l][i];
                    }
                    a[l + 1][j] = f(activations[l], z);
                }
            }
            double[] delta = new double[sizes[layers]];
            for (int k = 0; k < delta.length; k++) {
                double e = a[layers][k] - y[s][k];
                loss += 0.5 * e * e;
                delta[k] = e * fPrime(activations[layers - 1], a[layers][k]);
            }
            for (int l = layers - 1; l >= 0; l--) {
                double[] w = parameters.get(2 * l);
                double[] gw = gradients.get(2 * l);
                double[] gb = gradients.get(2 * l + 1);
                double[] previous = new double[sizes[l]];
                for (int j = 0; j < sizes[l + 1]; j++) {
                    gb[j] += delta[j] / m;
                    for (int i = 0; i < sizes[l]; i++) {
                        gw[j * sizes[l] + i] += delta[j] * a[l][i] / m;
                        previous[i] += delta[j] * w[j * sizes[l] + i];
                    }
                }
                if (l > 0) {
                    for (int i = 0; i < sizes[l]; i++) {
                        previous[i] *= fPrime(activations[l - 1], a[l][i]);
                    }
                }
                delta = previous;
            }
        }
        return loss / m;
    }

    public List<double[]> zeroGradients() {
        List<double[]> gradients = new ArrayList<>();
        parameters.forEach(p -> gradients.add(new double[p.length]));
        return gradients;
    }

    private static double f(String activation, double z) {
        return switch (activation) {
            case "sigmoid" -> 1 / (1 + Math.exp(-z));
            case "tanh" -> Math.tanh(z);
            case "relu" -> Math.max(z, 0);
            default -> z;
        };
    }

    /** f′ written in terms of a = f(z). */
    private static double fPrime(String activation, double a) {
        return switch (activation) {
            case "sigmoid" -> a * (1 - a);
            case "tanh" -> 1 - a * a;
            case "relu" -> a > 0 ? 1 : 0;
            default -> 1;
        };
    }
}
