package io.backprop.engine;

import io.backprop.engine.optim.Regimen;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    private final MiniBatches miniBatches;
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
        this.miniBatches = new MiniBatches(x, y, batchSize);
        this.lossHistory = new double[plan.epochs()];
        this.learningRates = new double[plan.epochs()];
        this.gradientNorms = new double[plan.epochs()];
        this.epochMillis = new long[plan.epochs()];
    }

    /**
     * Goes on from a checkpoint: the first {@code epochsDone} epochs of the plan count as done (their steps too), so
     * the next step begins epoch {@code epochsDone + 1}, shuffled exactly as it would have been. Call before the first step.
     */
    public void resumeAfter(int epochsDone) {
        if (steps > 0 || epochsDone < 0 || epochsDone > plan.epochs()) {
            throw new IllegalStateException("a run resumes before its first step, within its " + plan.epochs() + " epochs");
        }
        epoch = epochsDone;
        steps = (long) epochsDone * stepsPerEpoch();
    }

    /** The seed of epoch {@code epoch}'s shuffle: a function of the plan's seed and the epoch alone. */
    static long epochSeed(long seed, int epoch) {
        return seed + epoch * 0x9E3779B97F4A7C15L;
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
        MiniBatches.Rows batch = miniBatches.rows(start, end);
        INDArray xBatch = batch.x();
        INDArray yBatch = batch.y();
        Workspace ws = workspaces.apply(end - start);
        TrainingStep.Outcome outcome = TrainingStep.take(network, ws, regimen, xBatch, yBatch);
        double loss = outcome.loss();
        steps++;
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(epoch + 1, steps, "the loss is " + loss);
        }
        lastGradientNorm = outcome.gradientNorm();
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
            miniBatches.shuffled(Permutations.random(n, epochSeed(plan.seed(), epoch)));
        } else {
            miniBatches.inOrder();
        }
    }
}
