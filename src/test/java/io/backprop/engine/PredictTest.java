package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.engine.kernels.KernelChoice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * predict, which lets each activation overwrite its z, gives the training forward pass's outputs
 * exactly; a row or two, multiplied in plain Java whatever the layers' sizes, agree with the BLAS
 * path to the last bits of each precision.
 */
class PredictTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void predictMatchesTheForwardPassOnTinyAndLargeBatches(Activation activation) {
        Loss loss = activation == Activation.SOFTMAX ? Loss.CROSS_ENTROPY : Loss.MSE;
        Network network = Networks.random(3, new int[] {6, 20, 12}, new Activation[] {activation, activation}, true,
                loss, Precision.FLOAT64);
        for (int rows : new int[] {1, 700}) {                 // 12 outputs × 700 rows is beyond the plain-Java size
            INDArray x = Matrices.fromRows(Networks.randomRows(rows, rows, 6), Precision.FLOAT64);
            INDArray expected = network.forward(x, network.workspace(rows));
            assertThat(network.predict(x).toDoubleMatrix()).as("%d rows", rows).isDeepEqualTo(expected.toDoubleMatrix());
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void fewRowsInJavaAgreeWithTheMatrixPath(Precision precision) {
        double tolerance = precision == Precision.FLOAT64 ? 1e-12 : 1e-5;
        for (Activation activation : Activation.values()) {
            for (boolean bias : new boolean[] {true, false}) {
                Loss loss = activation == Activation.SOFTMAX ? Loss.CROSS_ENTROPY : Loss.MSE;
                Network network = Networks.random(5, new int[] {784, 130, 10}, new Activation[] {activation, activation}, bias,
                        loss, precision);
                for (int rows = 1; rows <= KernelChoice.MAX_JAVA_PREDICTION_ROWS; rows++) {
                    double[][] x = Networks.randomRows(rows + 7, rows, 784);
                    double[][] java = network.predict(x);
                    double[][] matrix = network.predict(Matrices.fromRows(x, precision)).toDoubleMatrix();
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < 10; j++) {
                            assertThat(java[i][j]).as("%s %s bias %s row %d output %d", precision, activation, bias, i, j)
                                    .isCloseTo(matrix[i][j], within(tolerance * Math.max(1, Math.abs(matrix[i][j]))));
                        }
                    }
                }
            }
        }
    }
}
