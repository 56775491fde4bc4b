package io.backprop.bench;

import io.backprop.engine.Activation;
import io.backprop.engine.kernels.Blas;
import io.backprop.engine.kernels.BlasThreads;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.Loss;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import io.backprop.engine.TrainingStep;
import io.backprop.engine.Workspace;
import io.backprop.engine.optim.Regimen;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.TrainingConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * The engine's hot path: one SGD training step of 784-256-128-10 (ReLU, softmax, cross-entropy,
 * float32) on Fashion-MNIST images at several batch sizes; the sgemm calls of that step alone; the
 * peak of sgemm on large square matrices, as the BLAS ceiling of the same run; and one step of the
 * 2-2-2 worked example (float64). Matrix products use one BLAS thread per core, as in the service,
 * unless {@code -DblasThreads} says otherwise.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {

    /** The side of the square matrices of {@link #sgemmPeak}. */
    public static final int PEAK_SIZE = 1024;

    @Param({"32", "128", "512"})
    public int batch;

    private Network network;
    private Workspace workspace;
    private Regimen regimen;
    private INDArray x;
    private INDArray y;
    private INDArray[] gemmA;
    private INDArray[] gemmB;
    private INDArray[] gemmC;
    private INDArray squareA;
    private INDArray squareB;
    private INDArray squareC;
    private Network mazur;
    private Workspace mazurWorkspace;
    private Regimen mazurRegimen;
    private INDArray mazurX;
    private INDArray mazurY;

    @Setup(Level.Trial)
    public void setUp() {
        BlasThreads.use(Integer.getInteger("blasThreads", Runtime.getRuntime().availableProcessors()));
        network = Mlp.create();
        workspace = network.workspace(batch);
        regimen = TrainingConfig.of(OptimizerSpec.sgd(0.01), null, null).regimen();
        INDArray[] data = FashionMnist.firstRows(batch);
        x = data[0];
        y = data[1];
        gemmA = new INDArray[9];
        gemmB = new INDArray[9];
        gemmC = new INDArray[9];
        for (int l = 0; l < 3; l++) {
            int in = Mlp.SIZES[l];
            int out = Mlp.SIZES[l + 1];
            INDArray w = Nd4j.rand(DataType.FLOAT, out, in);
            INDArray a = Nd4j.rand(DataType.FLOAT, batch, in);
            INDArray d = Nd4j.rand(DataType.FLOAT, batch, out);
            setGemm(3 * l, a, w, Nd4j.create(DataType.FLOAT, batch, out));          // z = a · Wᵀ
            setGemm(3 * l + 1, d, a, Nd4j.create(DataType.FLOAT, out, in));         // ∂W = δᵀ · a
            setGemm(3 * l + 2, d, w, Nd4j.create(DataType.FLOAT, batch, in));       // δ · W
        }
        squareA = Nd4j.rand(DataType.FLOAT, PEAK_SIZE, PEAK_SIZE);
        squareB = Nd4j.rand(DataType.FLOAT, PEAK_SIZE, PEAK_SIZE);
        squareC = Nd4j.create(DataType.FLOAT, PEAK_SIZE, PEAK_SIZE);
        mazur = new Network(2, List.of(
                new DenseLayer(Matrices.fromRows(new double[][] {{0.15, 0.20}, {0.25, 0.30}}, Precision.FLOAT64),
                        Matrices.rowVector(new double[] {0.35, 0.35}, Precision.FLOAT64), Activation.SIGMOID),
                new DenseLayer(Matrices.fromRows(new double[][] {{0.40, 0.45}, {0.50, 0.55}}, Precision.FLOAT64),
                        Matrices.rowVector(new double[] {0.60, 0.60}, Precision.FLOAT64), Activation.SIGMOID)),
                Loss.MSE, Precision.FLOAT64);
        mazurWorkspace = mazur.workspace(1);
        mazurRegimen = TrainingConfig.of(OptimizerSpec.sgd(0.5), null, null).regimen();
        mazurX = Matrices.fromRows(new double[][] {{0.05, 0.10}}, Precision.FLOAT64);
        mazurY = Matrices.fromRows(new double[][] {{0.01, 0.99}}, Precision.FLOAT64);
    }

    private void setGemm(int i, INDArray a, INDArray b, INDArray c) {
        gemmA[i] = a;
        gemmB[i] = b;
        gemmC[i] = c;
    }

    /** One SGD step of 784-256-128-10 on {@code batch} images. */
    @Benchmark
    public double mlpStep() {
        return TrainingStep.take(network, workspace, regimen, x, y).loss();
    }

    /** The same step in the textbook order: every gradient written first, then p −= lr·g (what plain descent fuses away). */
    @Benchmark
    public double mlpStepGradientsFirst() {
        network.forward(x, workspace);
        double loss = network.backward(x, y, workspace);
        regimen.step(workspace.parameters(), loss);
        return loss;
    }

    /** The step's matrix products alone (bias products aside), with the same shapes, flags and BLAS route. */
    @Benchmark
    public INDArray sgemmOfStep() {
        for (int l = 0; l < 3; l++) {
            Blas.gemm(gemmA[3 * l], false, gemmB[3 * l], true, gemmC[3 * l], 1.0, 0.0);
            Blas.gemm(gemmA[3 * l + 1], true, gemmB[3 * l + 1], false, gemmC[3 * l + 1], 1.0, 0.0);
            if (l > 0) {
                Blas.gemm(gemmA[3 * l + 2], false, gemmB[3 * l + 2], false, gemmC[3 * l + 2], 1.0, 0.0);
            }
        }
        return gemmC[0];
    }

    /** C = A · Bᵀ for square float32 matrices of {@link #PEAK_SIZE}: the sgemm peak (independent of {@code batch}). */
    @Benchmark
    public INDArray sgemmPeak() {
        Blas.gemm(squareA, false, squareB, true, squareC, 1.0, 0.0);
        return squareC;
    }

    /** One step of the 2-2-2 worked example (independent of {@code batch}). */
    @Benchmark
    public double mazurStep() {
        return TrainingStep.take(mazur, mazurWorkspace, mazurRegimen, mazurX, mazurY).loss();
    }
}
