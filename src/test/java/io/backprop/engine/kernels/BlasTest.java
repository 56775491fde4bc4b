package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct BLAS route computes what ND4J's gemm computes, for every transpose, α, β, precision, row views and one-row outputs. */
class BlasTest {

    @ParameterizedTest
    @CsvSource({
            "DOUBLE, false, false, 5", "DOUBLE, true, false, 5", "DOUBLE, false, true, 5", "DOUBLE, true, true, 5",
            "FLOAT, false, false, 5", "FLOAT, true, false, 5", "FLOAT, false, true, 5", "FLOAT, true, true, 5",
            "DOUBLE, false, false, 1", "DOUBLE, true, false, 1", "DOUBLE, false, true, 1", "DOUBLE, true, true, 1",
            "FLOAT, false, false, 1", "FLOAT, true, false, 1", "FLOAT, false, true, 1", "FLOAT, true, true, 1"})
    void directProductsAgreeWithNd4j(DataType type, boolean transposeA, boolean transposeB, int rows) {
        Nd4j.getRandom().setSeed(7);
        INDArray rowsOfA = Nd4j.rand(type, 12, 6);
        INDArray a = transposeA ? Nd4j.rand(type, 6, rows) : rowsOfA.get(NDArrayIndex.interval(3, 3 + rows), NDArrayIndex.all());
        INDArray b = transposeB ? Nd4j.rand(type, 4, 6) : Nd4j.rand(type, 6, 4);
        INDArray c = Nd4j.rand(type, rows, 4);
        INDArray expected = c.dup();

        Blas.gemm(a, transposeA, b, transposeB, c, 0.5, 2.0);
        Nd4j.gemm(a.dup(), b, expected, transposeA, transposeB, 0.5, 2.0);

        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        assertThat(c.equalsWithEps(expected, tolerance)).as("%s vs %s", c, expected).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE", "FLOAT"})
    void oneRowBiasProductsAgreeWithNd4j(DataType type) {
        INDArray ones = Nd4j.ones(type, 1, 1);                  // ND4J gives it non-default strides
        INDArray biases = Nd4j.rand(type, 1, 7);
        INDArray z = Nd4j.create(type, 1, 7);

        Blas.gemm(ones, false, biases, false, z, 1.0, 0.0);

        assertThat(z.equalsWithEps(biases, 0)).isTrue();
        assertThat(Elements.rowMajor(ones)).isTrue();
        assertThat(Elements.rowMajor(Nd4j.rand(type, 3, 2).transpose())).isFalse();
    }
}
