package io.backprop.engine;

import io.backprop.engine.optim.Regimen;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training driven one mini-batch at a time: {@link #step()} until {@link #done()}, and
 * {@link #endEpoch(double)} whenever {@link #epochComplete()}. The driver decides what happens
 * between steps (locking, cancelling, validating); {@link Trainer#train} drives it in one go.
 * A non-finite loss throws {@link DivergenceException}; restoring parameters is the driver's call.
 */
public final class TrainingRun {

    private final Network network;
    private final IntFunction<Workspace> workspaces;
    private final INDArray x;
    private final INDArray y;
    private final TrainingPlan plan;
    private final Regimen regimen;
    private final int n;
    private final int batchSize;
    private final SplittableRandom random;
    private final int[] order;
    private final INDArray xEpoch;
    private final INDArray yEpoch;
    private final double[] lossHistory;
    private final double[] learningRates;
    private final double[] gradientNorms;
    private final long[] epochMillis;
    private double lastGradientNorm = Double.NaN;
    private int epoch;
    private int start;
    private long steps;
    private double lossSum;
    private double normSum;
    private int batches;
    private long epochStartNanos;

    TrainingRun(Network network, IntFunction<Workspace> workspaces, INDArray x, INDArray y, TrainingPlan plan, Regimen regimen) {
        this.network = network;
        this.workspaces = workspaces;
        this.x = x;
        this.y = y;
        this.plan = plan;
        this.regimen = regimen;
        this.n = (int) x.rows();
        this.batchSize = Math.min(plan.batchSize(), n);
        this.random = new SplittableRandom(plan.seed());
        this.order = Permutations.identity(n);
        this.xEpoch = plan.shuffle() ? x.ulike() : x;
        this.yEpoch = plan.shuffle() ? y.ulike() : y;
        this.lossHistory = new double[plan.epochs()];
        this.learningRates = new double[plan.epochs()];
        this.gradientNorms = new double[plan.epochs()];
        this.epochMillis = new long[plan.epochs()];
    }

    /** Whether every epoch of the plan has ended. */
    public boolean done() {
        return epoch >= plan.epochs();
    }

    /** Whether the last step completed an epoch that {@link #endEpoch} has not ended yet. */
    public boolean epochComplete() {
        return start >= n;
    }

    /** One mini-batch: forward, backward, clipping and update; returns its loss (taken before the update). */
    public double step() {
        if (start == 0) {
            beginEpoch();
        }
        int end = Math.min(start + batchSize, n);
        INDArray xBatch = rows(xEpoch, start, end);
        INDArray yBatch = rows(yEpoch, start, end);
        Workspace ws = workspaces.apply(end - start);
        network.forward(xBatch, ws);
        double loss = network.backward(xBatch, yBatch, ws);
        steps++;
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(epoch + 1, steps, "the loss is " + loss);
        }
        lastGradientNorm = regimen.step(ws.parameters(), loss);
        lossSum += loss;
        normSum += lastGradientNorm;
        batches++;
        start = end;
        return loss;
    }

    /** The mean of the completed epoch's mini-batch losses. */
    public double epochLoss() {
        return lossSum / batches;
    }

    /**
     * Ends the completed epoch: records it and advances the schedule on {@code scheduleLoss}
     * (the epoch's training loss, or a validation loss).
     */
    public void endEpoch(double scheduleLoss) {
        lossHistory[epoch] = epochLoss();
        gradientNorms[epoch] = normSum / batches;
        epochMillis[epoch] = (System.nanoTime() - epochStartNanos) / 1_000_000;
        regimen.epochDone(scheduleLoss);
        epoch++;
        start = 0;
    }

    /** Epochs ended so far. */
    public int epochsDone() {
        return epoch;
    }

    public long steps() {
        return steps;
    }

    /** Steps in one epoch. */
    public int stepsPerEpoch() {
        return (n + batchSize - 1) / batchSize;
    }

    public Regimen regimen() {
        return regimen;
    }

    /** One ended epoch: its 1-based number in the run, mean mini-batch loss, first step's rate and wall time. */
    public record EpochSummary(int epoch, double loss, double learningRate, long millis) {
    }

    /** The epoch {@link #endEpoch} ended last; call it after one has ended. */
    public EpochSummary lastEpoch() {
        int last = epoch - 1;
        return new EpochSummary(epoch, lossHistory[last], learningRates[last], epochMillis[last]);
    }

    /** What the run did in the epochs ended so far. */
    public TrainingResult result() {
        int e = epoch;
        return new TrainingResult(e, steps, (long) n * e, Arrays.copyOf(lossHistory, e),
                Arrays.copyOf(learningRates, e), Arrays.copyOf(gradientNorms, e), lastGradientNorm,
                Arrays.copyOf(epochMillis, e));
    }

    private void beginEpoch() {
        epochStartNanos = System.nanoTime();
        learningRates[epoch] = regimen.optimizer().learningRate();
        lossSum = 0;
        normSum = 0;
        batches = 0;
        if (plan.shuffle()) {
            Permutations.shuffle(order, random);
            Nd4j.pullRows(x, xEpoch, 1, order);
            Nd4j.pullRows(y, yEpoch, 1, order);
        }
    }

    private INDArray rows(INDArray matrix, int from, int to) {
        return from == 0 && to == n ? matrix : matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
