package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Rows read straight from an array's buffer are ND4J's own rows, for views and transposes too. */
class MatricesTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void rowsAreReadExactlyAsNd4jGivesThem(Precision precision) {
        INDArray matrix = Matrices.fromRows(Networks.randomRows(5, 6, 4), precision);
        INDArray view = matrix.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());

        for (INDArray array : new INDArray[] {matrix, view, matrix.transpose(), Matrices.rowVector(new double[] {0.1, 0.2}, precision)}) {
            assertThat(Matrices.toRows(array)).isDeepEqualTo(array.toDoubleMatrix());
        }
    }
}
