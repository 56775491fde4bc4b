package io.backprop.engine;

import io.backprop.engine.optim.Regimen;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains one network with epochs × mini-batches: forward, backward, optimizer step per
 * mini-batch. Keeps the workspaces of the last few batch sizes, so steps allocate nothing.
 * A run that meets a non-finite loss or parameter restores the parameters from before it.
 * Not thread-safe: the caller trains one network from one thread at a time.
 */
public final class Trainer {

    private static final int CACHED_BATCH_SIZES = 4;

    private final Network network;
    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Workspace> eldest) {
            return size() > CACHED_BATCH_SIZES;
        }
    };

    public Trainer(Network network) {
        this.network = network;
    }

    /**
     * Trains on x [n, inputs] against y [n, outputs] (neither is modified) with the given regimen,
     * which advances its optimizer state and counters.
     */
    public TrainingResult train(INDArray x, INDArray y, TrainingPlan plan, Regimen regimen) {
        int n = (int) x.rows();
        int batchSize = Math.min(plan.batchSize(), n);
        List<INDArray> before = network.snapshot();
        SplittableRandom random = new SplittableRandom(plan.seed());
        int[] order = identityOrder(n);
        INDArray xEpoch = plan.shuffle() ? x.ulike() : x;
        INDArray yEpoch = plan.shuffle() ? y.ulike() : y;
        double[] lossHistory = new double[plan.epochs()];
        double[] learningRates = new double[plan.epochs()];
        double[] gradientNorms = new double[plan.epochs()];
        double lastGradientNorm = Double.NaN;
        long step = 0;
        for (int epoch = 0; epoch < plan.epochs(); epoch++) {
            if (plan.shuffle()) {
                shuffle(order, random);
                Nd4j.pullRows(x, xEpoch, 1, order);
                Nd4j.pullRows(y, yEpoch, 1, order);
            }
            learningRates[epoch] = regimen.optimizer().learningRate();
            double lossSum = 0;
            double normSum = 0;
            int batches = 0;
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(start + batchSize, n);
                INDArray xBatch = rows(xEpoch, start, end, n);
                INDArray yBatch = rows(yEpoch, start, end, n);
                Workspace ws = workspace(end - start);
                network.forward(xBatch, ws);
                double loss = network.backward(xBatch, yBatch, ws);
                step++;
                if (!Double.isFinite(loss)) {
                    network.restore(before);
                    throw new DivergenceException(epoch + 1, step, "the loss is " + loss);
                }
                lastGradientNorm = regimen.step(ws.parameters(), loss);
                lossSum += loss;
                normSum += lastGradientNorm;
                batches++;
            }
            lossHistory[epoch] = lossSum / batches;
            gradientNorms[epoch] = normSum / batches;
            regimen.epochDone(lossHistory[epoch]);
        }
        if (!network.parametersAreFinite()) {
            network.restore(before);
            throw new DivergenceException(plan.epochs(), step, "a parameter is no longer finite");
        }
        return new TrainingResult(plan.epochs(), step, (long) n * plan.epochs(), lossHistory, learningRates,
                gradientNorms, lastGradientNorm);
    }

    private Workspace workspace(int m) {
        return workspaces.computeIfAbsent(m, network::workspace);
    }

    private static INDArray rows(INDArray matrix, int start, int end, int n) {
        return start == 0 && end == n ? matrix : matrix.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    }

    private static int[] identityOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher–Yates shuffle in place. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
