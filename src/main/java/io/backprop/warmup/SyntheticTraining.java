package io.backprop.warmup;

import io.backprop.engine.Activation;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.InitScheme;
import io.backprop.engine.InitSettings;
import io.backprop.engine.Initializer;
import io.backprop.engine.Loss;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import io.backprop.engine.Predictor;
import io.backprop.engine.Trainer;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingRun;
import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.Schedule;
import io.backprop.engine.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains throw-away networks on random data until the JIT has compiled what a user's training and
 * prediction calls run: a 64-256-128-10 ReLU/softmax/cross-entropy network in float32 at the batch
 * sizes 32, 128 and 512, the 2-2-2 sigmoid/squared-error network in float64, and one-row predictions
 * of both. The first network stands for a Fashion-MNIST one (784-256-128-10): every layer's kernels
 * are chosen by its size, and 64 inputs choose the same ones as 784 at under a quarter of the arithmetic.
 * Holds about 2 MB while it runs and nothing afterwards.
 */
final class SyntheticTraining {

    /** Samples trained per batch size of the float32 network: the JIT needs about this many at batch 32. */
    static final int[][] PLAN = {{32, 196_608}, {128, 65_536}, {512, 65_536}};
    static final int ROWS = 2048;
    static final int INPUTS = 64;
    static final int SMALL_STEPS = 20_000;
    static final int PREDICTIONS = 5_000;

    private SyntheticTraining() {
    }

    /** Runs the warm-up until it is done or {@code stop} says so (checked between steps); returns the samples trained. */
    static long run(BooleanSupplier stop) {
        long samples = 0;
        Network mlp = network(Precision.FLOAT32, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, INPUTS, 256, 128, 10);
        INDArray x = Nd4j.rand(DataType.FLOAT, ROWS, INPUTS);
        INDArray y = oneHot(ROWS, 10);
        for (int[] batchAndSamples : PLAN) {
            samples += train(mlp, x, y, batchAndSamples[0], batchAndSamples[1], stop);
        }
        samples += predict(mlp, INPUTS, stop);
        Network small = network(Precision.FLOAT64, Activation.SIGMOID, Activation.SIGMOID, Loss.MSE, 2, 2, 2);
        INDArray xs = Nd4j.rand(DataType.DOUBLE, 1, 2);
        INDArray ys = Nd4j.rand(DataType.DOUBLE, 1, 2);
        samples += train(small, xs, ys, 1, SMALL_STEPS, stop);
        samples += predict(small, 2, stop);
        return samples;
    }

    private static long train(Network network, INDArray x, INDArray y, int batch, int samples, BooleanSupplier stop) {
        int rows = (int) x.rows();
        int epochs = Math.max(1, samples / rows);
        TrainingRun run = new Trainer(network).start(x, y, new TrainingPlan(epochs, batch, false, 1), new Regimen(new Sgd(0.01), Schedule.constant(), Regimen.Unit.EPOCH, null, 0));
        long trained = 0;
        while (!run.done() && !stop.getAsBoolean()) {
            run.step();
            trained += Math.min(batch, rows);
            if (run.epochComplete()) {
                run.endEpoch(run.epochLoss());
            }
        }
        return trained;
    }

    /** One-row predictions through one predictor, as a held network makes them between its changes. */
    private static long predict(Network network, int inputs, BooleanSupplier stop) {
        SplittableRandom random = new SplittableRandom(1);
        double[][] row = new double[1][inputs];
        for (int i = 0; i < inputs; i++) {
            row[0][i] = random.nextDouble();
        }
        Predictor predictor = Predictor.of(network);
        long done = 0;
        while (done < PREDICTIONS && !stop.getAsBoolean()) {
            predictor.predict(row);
            done++;
        }
        return done;
    }

    private static Network network(Precision precision, Activation hidden, Activation output, Loss loss, int... sizes) {
        Initializer initializer = new Initializer(new InitSettings(InitScheme.HE_UNIFORM, 1, InitSettings.DEFAULT_LOW,
                InitSettings.DEFAULT_HIGH, InitSettings.DEFAULT_STD));
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            layers.add(new DenseLayer(initializer.weights(l, sizes[l + 1], sizes[l], precision),
                    initializer.biases(sizes[l + 1], precision), l + 2 == sizes.length ? output : hidden));
        }
        return new Network(sizes[0], layers, loss, precision);
    }

    private static INDArray oneHot(int rows, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        return y;
    }
}
