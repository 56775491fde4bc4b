package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The chunked square root gives ND4J's sqrt bit for bit: whole arrays across chunk ends, views,
 * transposes and in place, in both backends.
 */
class SquareRootTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void agreesBitForBitWithNd4j(DataType type) {
        INDArray v = Nd4j.rand(type, 130, 77).muli(1e3);   // 10,010 elements: three chunks, the last partial
        v.putScalar(0, 0, 0.0);
        v.putScalar(1, 1, 1e-300);
        INDArray expected = v.ulike();
        Nd4j.exec(new Sqrt(v, expected));

        for (Kernels kernels : new Kernels[] {new JavaKernels(), new BlasKernels(1, type)}) {
            INDArray actual = v.ulike();
            kernels.sqrt(v, actual);
            assertThat(bits(actual)).isEqualTo(bits(expected));

            INDArray rows = v.get(NDArrayIndex.interval(40, 90), NDArrayIndex.all());   // a view starting inside the buffer
            INDArray rowsRoot = rows.ulike();
            kernels.sqrt(rows, rowsRoot);
            assertThat(bits(rowsRoot)).isEqualTo(bits(expected.get(NDArrayIndex.interval(40, 90), NDArrayIndex.all())));

            INDArray transposedRoot = Nd4j.create(type, 77, 130);
            kernels.sqrt(v.transpose(), transposedRoot);
            assertThat(bits(transposedRoot)).isEqualTo(bits(expected.transpose()));

            INDArray inPlace = v.dup();
            kernels.sqrt(inPlace, inPlace);
            assertThat(bits(inPlace)).isEqualTo(bits(expected));
        }
    }

    private static long[] bits(INDArray array) {
        double[] values = array.dup('c').data().asDouble();
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
