package io.backprop.bench;

import io.backprop.engine.Network;
import io.backprop.engine.Workspace;
import io.backprop.engine.optim.Regimen;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The training step every benchmark times: forward, backward and update on one batch. */
final class TrainingSteps {

    private TrainingSteps() {
    }

    /** One step on x [m, inputs] and y [m, outputs]; returns the batch loss (for the blackhole). */
    static double step(Network network, Workspace workspace, Regimen regimen, INDArray x, INDArray y) {
        network.forward(x, workspace);
        double loss = network.backward(x, y, workspace);
        regimen.step(workspace.parameters(), loss);
        return loss;
    }
}
