package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's loss on a batch and, for classifiers, its accuracy: softmax outputs by argmax
 * (with {@code confusionMatrix[actual][predicted]}), sigmoid outputs unit by unit at 0.5.
 * {@code accuracy} and {@code confusionMatrix} are {@code null} where they do not apply.
 */
public record Evaluation(double loss, long samples, Double accuracy, long[][] confusionMatrix) {

    private static final double THRESHOLD = 0.5;

    /** Evaluates on x [m, inputs] against y [m, outputs]; the network does not change. */
    public static Evaluation of(Network network, INDArray x, INDArray y) {
        return of(network, x, y, network.workspace((int) x.rows()));
    }

    /** As {@link #of(Network, INDArray, INDArray)}, in the given workspace of x's rows. */
    public static Evaluation of(Network network, INDArray x, INDArray y, Workspace ws) {
        INDArray output = network.forward(x, ws);
        return switch (network.outputLayer().activation()) {
            case SOFTMAX -> classification(output, y, network.loss(y, ws));
            case SIGMOID -> thresholded(output, y, network.loss(y, ws));
            default -> new Evaluation(network.loss(y, ws), x.rows(), null, null);
        };
    }

    private static Evaluation classification(INDArray output, INDArray y, double loss) {
        long[] predicted = Nd4j.argMax(output, 1).toLongVector();
        long[] actual = Nd4j.argMax(y, 1).toLongVector();
        int classes = (int) output.columns();
        long[][] confusion = new long[classes][classes];
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            confusion[(int) actual[i]][(int) predicted[i]]++;
            correct += actual[i] == predicted[i] ? 1 : 0;
        }
        return new Evaluation(loss, predicted.length, (double) correct / predicted.length, confusion);
    }

    private static Evaluation thresholded(INDArray output, INDArray y, double loss) {
        double[][] predicted = output.toDoubleMatrix();
        double[][] actual = y.toDoubleMatrix();
        long correct = 0;
        long units = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int k = 0; k < predicted[i].length; k++) {
                correct += (predicted[i][k] >= THRESHOLD) == (actual[i][k] >= THRESHOLD) ? 1 : 0;
                units++;
            }
        }
        return new Evaluation(loss, predicted.length, (double) correct / units, null);
    }
}
