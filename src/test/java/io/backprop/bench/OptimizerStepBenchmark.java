package io.backprop.bench;

import io.backprop.engine.Network;
import io.backprop.engine.TrainingStep;
import io.backprop.engine.Workspace;
import io.backprop.engine.optim.Adagrad;
import io.backprop.engine.optim.Adam;
import io.backprop.engine.optim.Optimizer;
import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.RmsProp;
import io.backprop.engine.optim.Schedule;
import io.backprop.engine.optim.Sgd;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step (forward, backward, optimizer update) of a 784-256-128-10 ReLU/softmax
 * network with cross-entropy, float32, batch 128 of Fashion-MNIST images, for each optimizer: the
 * cost an optimizer adds over plain SGD.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OptimizerStepBenchmark {

    private static final int BATCH = 128;

    @Param({"sgd", "sgd_momentum", "sgd_nesterov", "adam", "adamw", "amsgrad", "rmsprop", "rmsprop_centered", "adagrad"})
    public String optimizer;

    private Network network;
    private Workspace workspace;
    private Regimen regimen;
    private INDArray x;
    private INDArray y;

    @Setup(Level.Trial)
    public void setUp() {
        network = Mlp.create();
        workspace = network.workspace(BATCH);
        INDArray[] data = FashionMnist.firstRows(BATCH);
        x = data[0];
        y = data[1];
        regimen = new Regimen(create(optimizer), Schedule.constant(), Regimen.Unit.EPOCH, null, 0);
    }

    private static Optimizer create(String name) {
        return switch (name) {
            case "sgd" -> new Sgd(0.01);
            case "sgd_momentum" -> new Sgd(0.01, 0.9, 0, false, 0);
            case "sgd_nesterov" -> new Sgd(0.01, 0.9, 0, true, 1e-4);
            case "adam" -> new Adam(0.001, 0.9, 0.999, 1e-8, 0, false, false);
            case "adamw" -> new Adam(0.001, 0.9, 0.999, 1e-8, 0.01, false, true);
            case "amsgrad" -> new Adam(0.001, 0.9, 0.999, 1e-8, 0, true, false);
            case "rmsprop" -> new RmsProp(0.001, 0.99, 1e-8, 0, 0, false);
            case "rmsprop_centered" -> new RmsProp(0.001, 0.99, 1e-8, 0, 0.9, true);
            default -> new Adagrad(0.01, 0, 0, 1e-10, 0);
        };
    }

    @Benchmark
    public double trainingStep() {
        return TrainingStep.take(network, workspace, regimen, x, y).loss();
    }
}
