package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Both backends compute every operation alike, on a shape below the plain-Java thresholds and one
 * above them all, in float32 and float64, saturated logits included: bit for bit where both
 * take the same steps in the same order (identity, rectifiers, differences, square roots), else to a
 * relative 1e-12 in float64 and 1e-5 in float32 (BLAS sums in another order, and in float32 in float32).
 */
class KernelsAgreementTest {

    /** m rows, fanIn inputs, units outputs; LARGE's 70 × 130 = 9,100 elements pass every threshold. */
    enum Shape {
        SMALL(3, 4, 5), LARGE(70, 33, 130);

        final int m;
        final int fanIn;
        final int units;

        Shape(int m, int fanIn, int units) {
            this.m = m;
            this.fanIn = fanIn;
            this.units = units;
        }
    }

    private final Random random = new Random(42);
    private final Kernels java = new JavaKernels();

    static Stream<Arguments> shapesAndTypes() {
        return Stream.of(Shape.values()).flatMap(shape -> Stream.of(DataType.FLOAT, DataType.DOUBLE)
                .map(type -> Arguments.of(shape, type)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndTypes")
    void denseLayerProductsAgree(Shape shape, DataType type) {
        Kernels blas = new BlasKernels(shape.m, type);
        INDArray weights = random(type, shape.units, shape.fanIn, 1);
        INDArray biases = random(type, 1, shape.units, 1);
        INDArray aPrev = random(type, shape.m, shape.fanIn, 1);
        INDArray delta = random(type, shape.m, shape.units, 1);
        INDArray z = Nd4j.create(type, shape.m, shape.units);
        for (INDArray b : new INDArray[] {biases, null}) {
            close(k -> k.dense(aPrev, weights, b, z), blas, z);
        }

        INDArray weightGradient = weights.ulike();
        INDArray biasGradient = biases.ulike();
        close(k -> k.gradients(delta, aPrev, weightGradient, biasGradient), blas, weightGradient, biasGradient);
        close(k -> k.gradients(delta, aPrev, weightGradient, null), blas, weightGradient);

        INDArray dLdaPrev = aPrev.ulike();
        close(k -> k.propagate(delta, weights, dLdaPrev), blas, dLdaPrev);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndTypes")
    void activationsAndTheirBackwardPassesAgree(Shape shape, DataType type) {
        Kernels blas = new BlasKernels(shape.m, type);
        INDArray z = logits(type, shape);
        INDArray dLda = random(type, shape.m, shape.units, 1);
        INDArray out = z.ulike();
        boolean float64 = type == DataType.DOUBLE;

        for (ElementWise f : new ElementWise[] {ElementWise.IDENTITY, ElementWise.RELU}) {
            same(k -> k.activate(f, z, out), blas, out);
            same(k -> k.activateBackward(f, z, dLda, out), blas, out);
        }
        agree(k -> k.activate(ElementWise.LEAKY_RELU, z, out), blas, float64, out);   // float32 rounds the slope itself first
        agree(k -> k.activateBackward(ElementWise.LEAKY_RELU, z, dLda, out), blas, float64, out);
        for (ElementWise f : new ElementWise[] {ElementWise.SIGMOID, ElementWise.TANH}) {
            close(k -> k.activate(f, z, out), blas, out);
            close(k -> k.activateBackward(f, z, dLda, out), blas, out);
        }
        close(k -> k.softmax(z, out), blas, out);
        close(k -> k.softmaxBackward(z, dLda, out), blas, out);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndTypes")
    void lossesAndOutputErrorsAgree(Shape shape, DataType type) {
        Kernels blas = new BlasKernels(shape.m, type);
        INDArray z = logits(type, shape);
        z.putScalar(0, 0, 1000);
        INDArray a = random(type, shape.m, shape.units, 1);
        INDArray y = random(type, shape.m, shape.units, 1).addi(1).divi(2);   // targets in [0, 1]
        INDArray scratch = z.ulike();
        INDArray spare = z.ulike();
        INDArray out = z.ulike();

        closeValue(k -> k.squaredError(a, y, scratch), blas, type);
        same(k -> k.squaredError(a, y, out), blas, out);
        closeValue(k -> k.softmaxCrossEntropy(z, y, scratch, spare), blas, type);
        closeValue(k -> k.sigmoidCrossEntropy(z, y, scratch, spare), blas, type);
        close(k -> k.crossEntropyDelta(a, y, out), blas, out);
        same(k -> k.difference(a, y, out), blas, out);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndTypes")
    void updatesAgree(Shape shape, DataType type) {
        Kernels blas = new BlasKernels(1, type);
        INDArray x = random(type, shape.units, shape.fanIn, 1);
        INDArray y = random(type, shape.units, shape.fanIn, 1);
        INDArray out = y.ulike();

        close(k -> k.axpy(-0.37, x, out.assign(y)), blas, out);
        same(k -> k.sqrt(Nd4j.math().abs(x), out), blas, out);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndTypes")
    void plainJavaReadsViewsAndTransposesAsTheyAre(Shape shape, DataType type) {
        INDArray rows = random(type, shape.m + 4, shape.fanIn, 1);
        INDArray view = rows.get(NDArrayIndex.interval(2, shape.m + 2), NDArrayIndex.all());
        INDArray columnMajor = view.dup('f');
        INDArray weights = random(type, shape.fanIn, shape.units, 1).transpose();      // [units, fanIn], transposed view
        INDArray expected = Nd4j.create(type, shape.m, shape.units);
        java.dense(view.dup('c'), weights.dup('c'), null, expected);

        for (INDArray aPrev : new INDArray[] {view, columnMajor}) {
            INDArray z = Nd4j.create(type, shape.m, shape.units);
            java.dense(aPrev, weights, null, z);
            assertThat(bits(z)).isEqualTo(bits(expected));
        }
    }

    @FunctionalInterface
    private interface Operation {
        void run(Kernels kernels);
    }

    @FunctionalInterface
    private interface Value {
        double of(Kernels kernels);
    }

    /** Runs the operation in both backends and requires the outputs bit for bit equal. */
    private void same(Operation operation, Kernels blas, INDArray... outputs) {
        agree(operation, blas, true, outputs);
    }

    /** Runs the operation in both backends and requires the outputs equal to the type's tolerance. */
    private void close(Operation operation, Kernels blas, INDArray... outputs) {
        agree(operation, blas, false, outputs);
    }

    private void agree(Operation operation, Kernels blas, boolean bitwise, INDArray... outputs) {
        operation.run(java);
        INDArray[] expected = new INDArray[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            expected[i] = outputs[i].dup();
        }
        operation.run(blas);
        for (int i = 0; i < outputs.length; i++) {
            if (bitwise) {
                assertThat(bits(outputs[i])).isEqualTo(bits(expected[i]));
            } else {
                assertClose(outputs[i], expected[i]);
            }
        }
    }

    private void closeValue(Value value, Kernels blas, DataType type) {
        double expected = value.of(java);
        assertThat(value.of(blas)).isCloseTo(expected, within(tolerance(type) * Math.max(1, Math.abs(expected))));
    }

    private static void assertClose(INDArray actual, INDArray expected) {
        double[] a = actual.dup('c').data().asDouble();
        double[] e = expected.dup('c').data().asDouble();
        double tolerance = tolerance(actual.dataType());
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(tolerance * Math.max(1, Math.abs(e[i]))));
        }
    }

    private static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 1e-5;
    }

    private static long[] bits(INDArray array) {
        double[] values = array.dup('c').data().asDouble();
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    /** Logits of scale 3 with two saturated ones. */
    private INDArray logits(DataType type, Shape shape) {
        INDArray z = random(type, shape.m, shape.units, 3);
        z.putScalar(0, 1, 40);
        z.putScalar(1, 2, -40);
        return z;
    }

    private INDArray random(DataType type, int rows, int columns, double scale) {
        INDArray matrix = Nd4j.create(type, rows, columns);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                matrix.putScalar(i, j, scale * (2 * random.nextDouble() - 1));
            }
        }
        return matrix;
    }
}
