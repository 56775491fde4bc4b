package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct BLAS route computes what ND4J's gemm computes, for every transpose, α, β, precision and row views. */
class BlasTest {

    @ParameterizedTest
    @CsvSource({
            "DOUBLE, false, false", "DOUBLE, true, false", "DOUBLE, false, true", "DOUBLE, true, true",
            "FLOAT, false, false", "FLOAT, true, false", "FLOAT, false, true", "FLOAT, true, true"})
    void directProductsAgreeWithNd4j(DataType type, boolean transposeA, boolean transposeB) {
        Nd4j.getRandom().setSeed(7);
        INDArray rowsOfA = Nd4j.rand(type, 12, 6);
        INDArray a = transposeA ? Nd4j.rand(type, 6, 5) : rowsOfA.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all());
        INDArray b = transposeB ? Nd4j.rand(type, 4, 6) : Nd4j.rand(type, 6, 4);
        INDArray c = Nd4j.rand(type, 5, 4);
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
