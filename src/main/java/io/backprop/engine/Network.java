package io.backprop.engine;

import io.backprop.engine.kernels.KernelChoice;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A multilayer perceptron: dense layers, a loss and one precision for every array.
 * Its parameters are changed only in place, so workspaces built for it stay valid.
 */
public final class Network {

    private final int inputs;
    private final List<DenseLayer> layers;
    private final Loss loss;
    private final Precision precision;

    public Network(int inputs, List<DenseLayer> layers, Loss loss, Precision precision) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        if (!loss.pairsWith(layers.get(layers.size() - 1).activation())) {
            throw new IllegalArgumentException(loss + " does not pair with a "
                    + layers.get(layers.size() - 1).activation() + " output");
        }
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.precision = precision;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputLayer().units();
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    public DenseLayer outputLayer() {
        return layers.get(layers.size() - 1);
    }

    public Loss loss() {
        return loss;
    }

    public Precision precision() {
        return precision;
    }

    public long parameterCount() {
        return layers.stream().mapToLong(DenseLayer::parameterCount).sum();
    }

    /** Fresh buffers for batches of {@code m} rows. */
    public Workspace workspace(int m) {
        return new Workspace(this, m);
    }

    /** Forward pass of x [m, inputs] into the workspace; returns ŷ [m, outputs] (a workspace array). */
    public INDArray forward(INDArray x, Workspace ws) {
        INDArray aPrev = x;
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(ws.kernels[l], aPrev, ws.z[l], ws.a[l]);
            aPrev = ws.a[l];
        }
        return aPrev;
    }

    /** The loss L of the workspace's last forward pass against targets y [m, outputs]. */
    public double loss(INDArray y, Workspace ws) {
        int last = layers.size() - 1;
        return loss.value(ws.lossKernels, ws.z[last], ws.a[last], y, ws.lossScratch, ws.delta[last]);
    }

    /**
     * Backward pass after {@link #forward}: writes every layer's per-sample δ and the batch-mean
     * gradients into the workspace and returns the loss L.
     */
    public double backward(INDArray x, INDArray y, Workspace ws) {
        int last = layers.size() - 1;
        double value = loss.backward(ws.lossKernels, outputLayer().activation(), ws.z[last], ws.a[last], y,
                ws.lossScratch, ws.delta[last]);
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            INDArray aPrev = l == 0 ? x : ws.a[l - 1];
            layer.gradients(ws.kernels[l], ws.delta[l], aPrev, ws.weightGradient[l], ws.biasGradient[l]);
            if (l > 0) {
                DenseLayer previous = layers.get(l - 1);
                layer.propagate(ws.kernels[l], ws.delta[l], ws.dLda[l - 1]);                   // ∂L/∂aPrev = δ · W
                previous.activation().backward(ws.kernels[l - 1].activation(), ws.z[l - 1], ws.dLda[l - 1], ws.delta[l - 1]);
            }
        }
        return value;
    }

    /**
     * Backward pass after {@link #forward} fused with plain gradient descent at {@code rate}: each layer
     * passes its δ down through W first, then updates W and b in place; no gradient is written. Returns
     * the loss L, and changes nothing when it is not finite.
     */
    public double backwardDescending(INDArray x, INDArray y, Workspace ws, double rate) {
        int last = layers.size() - 1;
        double value = loss.backward(ws.lossKernels, outputLayer().activation(), ws.z[last], ws.a[last], y,
                ws.lossScratch, ws.delta[last]);
        if (!Double.isFinite(value)) {
            return value;
        }
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            if (l > 0) {
                DenseLayer previous = layers.get(l - 1);
                layer.propagate(ws.kernels[l], ws.delta[l], ws.dLda[l - 1]);                   // ∂L/∂aPrev = δ · W, W not yet updated
                previous.activation().backward(ws.kernels[l - 1].activation(), ws.z[l - 1], ws.dLda[l - 1], ws.delta[l - 1]);
            }
            layer.descend(ws.kernels[l], rate, ws.delta[l], l == 0 ? x : ws.a[l - 1]);
        }
        return value;
    }

    /**
     * ŷ [m, outputs] for x [m, inputs] in newly allocated arrays, one per layer (each activation
     * overwrites its z in place), on the kernels a workspace of m rows would use; safe to call
     * from many threads.
     */
    public INDArray predict(INDArray x) {
        KernelChoice choice = KernelChoice.forBatches((int) x.rows(), precision.dataType());
        INDArray aPrev = x;
        for (DenseLayer layer : layers) {
            INDArray a = Nd4j.create(precision.dataType(), x.rows(), layer.units());
            layer.forward(LayerKernels.of(choice, layer), aPrev, a, a);
            aPrev = a;
        }
        return aPrev;
    }

    /**
     * ŷ [m][outputs] for x [m][inputs] (rectangular, finite); safe to call from many threads.
     * Up to {@link KernelChoice#MAX_JAVA_PREDICTION_ROWS} rows run through a {@link Predictor} made
     * for this call (keep one to predict again from parameters that have not changed), more as matrices.
     */
    public double[][] predict(double[][] x) {
        if (x.length <= KernelChoice.MAX_JAVA_PREDICTION_ROWS) {
            return Predictor.of(this).predict(x);
        }
        return Matrices.toRows(predict(Matrices.fromRows(x, precision)));
    }

    /** Whether every parameter is a finite number. */
    public boolean parametersAreFinite() {
        for (DenseLayer layer : layers) {
            if (!Numbers.allFinite(layer.weights()) || (layer.hasBias() && !Numbers.allFinite(layer.biases()))) {
                return false;
            }
        }
        return true;
    }

    /** A deep copy computing in the given precision. */
    public Network copy(Precision target) {
        return new Network(inputs, layers.stream().map(layer -> layer.copy(target)).toList(), loss, target);
    }
}
