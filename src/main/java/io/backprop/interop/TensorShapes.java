package io.backprop.interop;

import io.backprop.state.Tensor;

/** Reshaping and transposing tensors between the network's layout and the files' (biases [1, units] ↔ [units]). */
final class TensorShapes {

    private TensorShapes() {
    }

    /** The same values under another shape of as many values. */
    static Tensor reshape(Tensor tensor, int... shape) {
        return new Tensor(tensor.dtype(), shape, tensor.values());
    }

    /** A bias [1, units] as the vector [units] that PyTorch's nn.Linear holds. */
    static Tensor vector(Tensor bias) {
        return reshape(bias, bias.size());
    }

    /** A bias vector [units] (or [1, units]) as the network's row [1, units]. */
    static Tensor row(Tensor bias) {
        return reshape(bias, 1, bias.size());
    }

    /** The transpose [columns, rows] of a matrix [rows, columns]. */
    static Tensor transpose(Tensor matrix) {
        int rows = matrix.shape()[0];
        int columns = matrix.shape()[1];
        double[] source = matrix.values();
        double[] values = new double[source.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[j * rows + i] = source[i * columns + j];
            }
        }
        return new Tensor(matrix.dtype(), new int[] {columns, rows}, values);
    }
}
