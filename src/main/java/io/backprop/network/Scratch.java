package io.backprop.network;

import io.backprop.engine.GradientCheck;
import io.backprop.engine.Network;
import io.backprop.engine.StepBuffers;
import io.backprop.engine.Workspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What one request of m rows computes in on a held network: the request's rows x [m, inputs] and
 * y [m, outputs], a workspace, and when asked for them the buffers of a traced step and a float64
 * probe for gradient checks. Each part is made on first use and kept. One request at a time.
 */
final class Scratch {

    private final Network network;
    private final int m;
    private INDArray x;
    private INDArray y;
    private Workspace workspace;
    private StepBuffers step;
    private GradientCheck.Probe probe;

    Scratch(Network network, int m) {
        this.network = network;
        this.m = m;
    }

    int rows() {
        return m;
    }

    /** [m, inputs] in the network's precision, to write request rows into. */
    INDArray x() {
        if (x == null) {
            x = Nd4j.createUninitialized(network.precision().dataType(), m, network.inputs());
        }
        return x;
    }

    /** [m, outputs] in the network's precision, to write target rows into. */
    INDArray y() {
        if (y == null) {
            y = Nd4j.createUninitialized(network.precision().dataType(), m, network.outputs());
        }
        return y;
    }

    Workspace workspace() {
        if (workspace == null) {
            workspace = network.workspace(m);
        }
        return workspace;
    }

    StepBuffers step() {
        if (step == null) {
            step = new StepBuffers(network);
        }
        return step;
    }

    GradientCheck.Probe probe() {
        if (probe == null) {
            probe = new GradientCheck.Probe(network, m);
        }
        return probe;
    }

    /**
     * The most bytes its arrays can come to: rows, workspace (four [m, units] arrays per layer, the
     * gradients, the loss scratch), step buffers (the parameters twice) and the probe (all of that in float64).
     */
    static long bytes(Network network, int m) {
        long units = network.layers().stream().mapToLong(layer -> layer.units()).sum();
        long values = (long) m * (network.inputs() + 2L * network.outputs() + 4 * units) + 3 * network.parameterCount();
        return values * (network.precision().dataType().width() + Double.BYTES);
    }
}
