package io.backprop.engine;

import io.backprop.engine.optim.Regimen;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains one network with epochs × mini-batches: forward, backward, regimen step per mini-batch.
 * Keeps the workspaces of the last few batch sizes, so steps allocate nothing.
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
     * which advances its optimizer state and counters. A non-finite loss or parameter throws
     * {@link DivergenceException} and leaves the parameters as they were then: putting back an
     * earlier state is the caller's decision.
     */
    public TrainingResult train(INDArray x, INDArray y, TrainingPlan plan, Regimen regimen) {
        TrainingRun run = start(x, y, plan, regimen);
        while (!run.done()) {
            run.step();
            if (run.epochComplete()) {
                run.endEpoch(run.epochLoss());
            }
        }
        if (!network.parametersAreFinite()) {
            throw new DivergenceException(plan.epochs(), run.steps(), "a parameter is no longer finite");
        }
        return run.result();
    }

    /** A run to drive step by step; x [n, inputs] and y [n, outputs] are not modified. */
    public TrainingRun start(INDArray x, INDArray y, TrainingPlan plan, Regimen regimen) {
        return new TrainingRun(network, this::workspace, x, y, plan, regimen);
    }

    private Workspace workspace(int m) {
        return workspaces.computeIfAbsent(m, network::workspace);
    }
}
