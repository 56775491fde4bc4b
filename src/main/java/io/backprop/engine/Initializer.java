package io.backprop.engine;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws initial weights from {@link InitSettings}: the same settings give bit-identical
 * parameters. Layer l draws from its own stream, seeded by (seed, l), so explicit parameters in
 * one layer never shift the values of another. Biases start at zero.
 */
public final class Initializer {

    private final InitSettings settings;

    public Initializer(InitSettings settings) {
        this.settings = settings;
    }

    /** W [units, fanIn] of layer {@code layerIndex}. */
    public INDArray weights(int layerIndex, int units, int fanIn, Precision precision) {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ (0x9E3779B97F4A7C15L * (layerIndex + 1)));
        double[][] values = new double[units][fanIn];
        for (double[] row : values) {
            for (int i = 0; i < fanIn; i++) {
                row[i] = settings.scheme().draw(random, fanIn, units, settings);
            }
        }
        return Matrices.fromRows(values, precision);
    }

    /** b [1, units], all zero. */
    public INDArray biases(int units, Precision precision) {
        return Matrices.rowVector(new double[units], precision);
    }
}
