package io.backprop.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.backprop.engine.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A tensor holds an array's values in row-major order whatever the array's layout: whole, a view, transposed, column-major. */
class TensorOfArraysTest {

    /** [4, 3] holding 0.5, 1.5, … 11.5 row by row. */
    private static INDArray matrix(Precision precision) {
        double[] values = new double[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 0.5;
        }
        return Nd4j.create(values, new long[] {4, 3}, 'c').castTo(precision.dataType());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aWholeRowMajorMatrixIsReadInOrder(Precision precision) {
        Tensor tensor = Tensor.of(matrix(precision));
        assertEquals(precision, tensor.dtype());
        assertArrayEquals(new int[] {4, 3}, tensor.shape());
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5}, tensor.values());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aViewOfRowsStartsAtItsFirstRow(Precision precision) {
        INDArray rows = matrix(precision).get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        assertArrayEquals(new double[] {6.5, 7.5, 8.5, 9.5, 10.5, 11.5}, Tensor.of(rows).values());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aViewOfColumnsSkipsTheOtherColumns(Precision precision) {
        INDArray columns = matrix(precision).get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        assertArrayEquals(new double[] {1.5, 2.5, 4.5, 5.5, 7.5, 8.5, 10.5, 11.5}, Tensor.of(columns).values());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aTransposeIsReadInItsOwnRowOrder(Precision precision) {
        Tensor tensor = Tensor.of(matrix(precision).transpose());
        assertArrayEquals(new int[] {3, 4}, tensor.shape());
        assertArrayEquals(new double[] {0.5, 3.5, 6.5, 9.5, 1.5, 4.5, 7.5, 10.5, 2.5, 5.5, 8.5, 11.5}, tensor.values());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aColumnMajorCopyReadsAsTheRowMajorOriginal(Precision precision) {
        INDArray original = matrix(precision);
        assertEquals(Tensor.of(original), Tensor.of(original.dup('f')));
    }

    @Test
    void float32ValuesArriveExactly() {
        INDArray floats = Nd4j.create(new float[] {0.1f, 1e-30f, -3.4e38f}, new long[] {3}, 'c');
        assertArrayEquals(new double[] {0.1f, 1e-30f, -3.4e38f}, Tensor.of(floats).values());
        assertEquals(Tensor.of(floats), Tensor.of(Tensor.of(floats).toArray()));
    }
}
