package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The direct BLAS route computes what ND4J's gemm computes, for every transpose, α, β, precision, row views and one-row
 * outputs; axpy adds α·x element by element, on whole arrays, row views and column views alike.
 */
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

    @ParameterizedTest
    @CsvSource({"DOUBLE, whole", "FLOAT, whole", "DOUBLE, rows", "FLOAT, rows", "DOUBLE, columns", "FLOAT, columns"})
    void axpyAddsAScaledXElementByElement(DataType type, String layout) {
        Nd4j.getRandom().setSeed(11);
        INDArray xs = Nd4j.rand(type, 120, 130);
        INDArray ys = Nd4j.rand(type, 120, 130);
        INDArray x = part(xs, layout);
        INDArray y = part(ys, layout);
        double[] expected = new double[(int) y.length()];
        for (int i = 0; i < y.rows(); i++) {
            for (int j = 0; j < y.columns(); j++) {
                expected[i * (int) y.columns() + j] = type == DataType.FLOAT
                        ? (float) ((float) y.getDouble(i, j) + (float) -0.25 * (float) x.getDouble(i, j))
                        : y.getDouble(i, j) - 0.25 * x.getDouble(i, j);
            }
        }
        INDArray untouched = ys.dup();

        Blas.axpy(-0.25, x, y);

        double tolerance = type == DataType.DOUBLE ? 1e-15 : 1e-6;
        double[] actual = y.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("%s %s element %d", type, layout, k).isCloseTo(expected[k], offset(tolerance));
        }
        if (!layout.equals("whole")) {
            assertThat(ys.get(NDArrayIndex.interval(0, 10), NDArrayIndex.interval(0, 10))).as("outside the view")
                    .isEqualTo(untouched.get(NDArrayIndex.interval(0, 10), NDArrayIndex.interval(0, 10)));
        }
    }

    /** The whole matrix, rows 20 … 119 of it, or columns 30 … 129 of it. */
    private static INDArray part(INDArray matrix, String layout) {
        return switch (layout) {
            case "rows" -> matrix.get(NDArrayIndex.interval(20, 120), NDArrayIndex.all());
            case "columns" -> matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(30, 130));
            default -> matrix;
        };
    }
}
