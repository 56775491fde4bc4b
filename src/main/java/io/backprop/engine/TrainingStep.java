package io.backprop.engine;

import io.backprop.engine.optim.Regimen;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch's training step: forward, backward and the regimen's update. Plain descent is applied inside the
 * backward pass, as each layer's weight product is taken; every other regimen gets the gradients first.
 */
public final class TrainingStep {

    /** The batch loss before the update, and the gradient norm before clipping (NaN without clipping). */
    public record Outcome(double loss, double gradientNorm) {
    }

    private TrainingStep() {
    }

    /** A step on x [m, inputs] against y [m, outputs]; a non-finite loss updates nothing and counts no step. */
    public static Outcome take(Network network, Workspace ws, Regimen regimen, INDArray x, INDArray y) {
        network.forward(x, ws);
        if (regimen.descendsPlainly()) {
            double loss = network.backwardDescending(x, y, ws, regimen.optimizer().learningRate());
            return new Outcome(loss, Double.isFinite(loss) ? regimen.stepApplied(loss) : Double.NaN);
        }
        double loss = network.backward(x, y, ws);
        return new Outcome(loss, Double.isFinite(loss) ? regimen.step(ws.parameters(), loss) : Double.NaN);
    }
}
