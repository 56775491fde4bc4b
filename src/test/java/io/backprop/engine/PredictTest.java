package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** predict, which lets each activation overwrite its z, gives the training forward pass's outputs exactly. */
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
}
