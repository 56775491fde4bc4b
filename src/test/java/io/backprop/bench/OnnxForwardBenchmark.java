package io.backprop.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.backprop.engine.kernels.BlasThreads;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import io.backprop.engine.Predictor;
import io.backprop.engine.Workspace;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The forward pass of 784-256-128-10 (float32) in the engine next to ONNX Runtime's Java API in
 * the same process, on the same parameters and the same number of threads: at batch 1 the
 * engine's single-sample path (a {@link Predictor} of the network, kept as a held network keeps
 * one between predict requests), at larger batches its forward pass into a preallocated
 * workspace. ONNX Runtime runs the model {@link OnnxModel} writes from the same network, its
 * input tensor made once. ONNX Runtime's initialisation recurses deeper than a Java thread's
 * default 1 MB stack allows (a segmentation fault on load), hence the larger thread stacks.
 */
@Fork(jvmArgsAppend = "-Xss16m")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnnxForwardBenchmark {

    @Param({"1", "512"})
    public int batch;

    private Network network;
    private Predictor predictor;
    private Workspace workspace;
    private INDArray x;
    private double[][] rows;
    private OrtEnvironment environment;
    private OrtSession session;
    private OnnxTensor input;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        int threads = Integer.getInteger("blasThreads", Runtime.getRuntime().availableProcessors());
        BlasThreads.use(threads);
        network = Mlp.create();
        predictor = Predictor.of(network);
        SplittableRandom random = new SplittableRandom(7);
        rows = new double[batch][784];
        float[] flat = new float[batch * 784];
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < 784; k++) {
                rows[i][k] = (float) random.nextDouble();
                flat[i * 784 + k] = (float) rows[i][k];
            }
        }
        x = Matrices.fromRows(rows, Precision.FLOAT32);
        workspace = network.workspace(batch);
        environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = environment.createSession(OnnxModel.of(network), options);
        input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(flat), new long[] {batch, 784});
        checkAgreement();
    }

    /** Both must compute the same function: ONNX Runtime's outputs equal the engine's within float32 rounding. */
    private void checkAgreement() throws OrtException {
        double[][] engine = network.predict(rows);
        try (OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] onnx = (float[][]) result.get(0).getValue();
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < 10; j++) {
                    if (Math.abs(onnx[i][j] - engine[i][j]) > 1e-5 * Math.max(1, Math.abs(engine[i][j]))) {
                        throw new IllegalStateException("ONNX Runtime and the engine disagree at [" + i + "][" + j + "]: "
                                + onnx[i][j] + " against " + engine[i][j]);
                    }
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        input.close();
        session.close();
    }

    @Benchmark
    public Object engine() {
        if (batch == 1) {
            return predictor.predict(rows);
        }
        return network.forward(x, workspace);
    }

    @Benchmark
    public Object onnxRuntime() throws OrtException {
        try (OrtSession.Result result = session.run(Map.of("input", input))) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer();
        }
    }
}
