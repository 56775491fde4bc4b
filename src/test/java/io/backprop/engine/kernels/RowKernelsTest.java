package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row's forward pass on Java arrays computes what the plain-Java matrix kernels compute: the
 * dense product bit for bit in float64 and in float32 within the error bound of float32 partial
 * sums (fanIn + 2 unit roundoffs of Σ |terms|), the activations bit for bit in both, on fan-ins that leave 0 to 3 inputs after
 * the four-at-a-time passes, with and without bias, saturated logits included.
 */
class RowKernelsTest {

    private static final double FLOAT32_UNIT_ROUNDOFF = 0x1p-24;

    private final Random random = new Random(7);
    private final JavaKernels java = new JavaKernels();

    @ParameterizedTest(name = "fanIn {0}")
    @ValueSource(ints = {1, 3, 4, 5, 6, 7, 784})
    void denseInFloat64EqualsTheMatrixKernelBitForBit(int fanIn) {
        INDArray weights = random(DataType.DOUBLE, 37, fanIn);
        INDArray row = random(DataType.DOUBLE, 1, fanIn);
        double[][] transposed = RowKernels.transposedDoubles(weights);
        for (INDArray biases : new INDArray[] {random(DataType.DOUBLE, 1, 37), null}) {
            INDArray expected = Nd4j.create(DataType.DOUBLE, 1, 37);
            java.dense(row, weights, biases, expected);
            double[] padded = new double[fanIn + 3];
            System.arraycopy(row.toDoubleVector(), 0, padded, 3, fanIn);
            double[] z = new double[40];

            RowKernels.dense(padded, 3, transposed, RowKernels.doubles(biases), z);

            for (int j = 0; j < 37; j++) {
                assertThat(Double.doubleToRawLongBits(z[j])).as("unit %d", j)
                        .isEqualTo(Double.doubleToRawLongBits(expected.getDouble(0, j)));
            }
        }
    }

    @ParameterizedTest(name = "fanIn {0}")
    @ValueSource(ints = {1, 3, 4, 5, 6, 7, 784})
    void denseInFloat32AgreesWithTheMatrixKernelToFloat32Rounding(int fanIn) {
        INDArray weights = random(DataType.FLOAT, 37, fanIn);
        INDArray row = random(DataType.FLOAT, 1, fanIn);
        float[][] transposed = RowKernels.transposedFloats(weights);
        for (INDArray biases : new INDArray[] {random(DataType.FLOAT, 1, 37), null}) {
            INDArray expected = Nd4j.create(DataType.FLOAT, 1, 37);
            java.dense(row, weights, biases, expected);
            float[] z = new float[37];

            RowKernels.dense(row.toFloatVector(), transposed, RowKernels.floats(biases), z);

            for (int j = 0; j < 37; j++) {
                double magnitude = biases == null ? 0 : Math.abs(biases.getDouble(0, j));
                for (int p = 0; p < fanIn; p++) {
                    magnitude += Math.abs(row.getDouble(0, p) * weights.getDouble(j, p));
                }
                double bound = (fanIn + 2) * FLOAT32_UNIT_ROUNDOFF * magnitude;      // recursive summation's error bound
                assertThat((double) z[j]).as("unit %d", j).isCloseTo(expected.getDouble(0, j), within(bound));
            }
        }
    }

    @Test
    void transposesViewsAsTheyAre() {
        INDArray weights = random(DataType.DOUBLE, 6, 5).transpose();       // [5, 6], a transposed view
        double[][] transposed = RowKernels.transposedDoubles(weights);

        assertThat(transposed.length).isEqualTo(6);
        for (int p = 0; p < 6; p++) {
            for (int j = 0; j < 5; j++) {
                assertThat(transposed[p][j]).isEqualTo(weights.getDouble(j, p));
            }
        }
    }

    @Test
    void activationsEqualTheMatrixKernelsBitForBit() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = random(type, 1, 23).muli(8);
            z.putScalar(0, 3, 1000);                                          // saturated: softmax must stay finite
            z.putScalar(0, 4, -1000);
            z.putScalar(0, 5, 0);
            for (ElementWise f : ElementWise.values()) {
                INDArray expected = z.ulike();
                java.activate(f, z, expected);
                assertThat(row(type, z, a -> RowKernels.activate(f, a, 23), a -> RowKernels.activate(f, a, 23)))
                        .as("%s %s", f, type).isEqualTo(bits(expected));
            }
            INDArray expected = z.ulike();
            java.softmax(z, expected);
            assertThat(row(type, z, a -> RowKernels.softmax(a, 23), a -> RowKernels.softmax(a, 23)))
                    .as("softmax %s", type).isEqualTo(bits(expected));
        }
    }

    /** Runs the row function over a copy of z's values in z's type; returns the bits of the results as doubles. */
    private static long[] row(DataType type, INDArray z, Consumer<float[]> floats, Consumer<double[]> doubles) {
        double[] values;
        if (type == DataType.FLOAT) {
            float[] a = z.toFloatVector();
            floats.accept(a);
            values = new double[a.length];
            for (int j = 0; j < a.length; j++) {
                values[j] = a[j];
            }
        } else {
            values = z.toDoubleVector();
            doubles.accept(values);
        }
        long[] bits = new long[values.length];
        for (int j = 0; j < values.length; j++) {
            bits[j] = Double.doubleToRawLongBits(values[j]);
        }
        return bits;
    }

    private static long[] bits(INDArray row) {
        double[] values = row.toDoubleVector();
        long[] bits = new long[values.length];
        for (int j = 0; j < values.length; j++) {
            bits[j] = Double.doubleToRawLongBits(values[j]);
        }
        return bits;
    }

    private INDArray random(DataType type, int rows, int columns) {
        double[] values = new double[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, columns}, DataType.DOUBLE).castTo(type);
    }
}
