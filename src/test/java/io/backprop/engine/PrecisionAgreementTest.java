package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A float32 network follows its float64 twin to 1e-4 relative through training. */
class PrecisionAgreementTest {

    @ParameterizedTest
    @EnumSource(Loss.class)
    void float32AgreesWithFloat64(Loss loss) {
        Activation output = loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX : Activation.SIGMOID;
        Network wide = Networks.random(5, new int[] {4, 8, 3}, new Activation[] {Activation.TANH, output}, true, loss, Precision.FLOAT64);
        Network narrow = wide.copy(Precision.FLOAT32);
        double[][] inputs = Networks.randomRows(6, 16, 4);
        INDArray targets64 = GradientCheckTest.targets(loss, 7, 16, 3);

        TrainingResult r64 = new Trainer(wide).train(Matrices.fromRows(inputs, Precision.FLOAT64), targets64,
                new TrainingPlan(5, 4, true, 3), Networks.sgd(0.1));
        TrainingResult r32 = new Trainer(narrow).train(Matrices.fromRows(inputs, Precision.FLOAT32),
                targets64.castTo(Precision.FLOAT32.dataType()), new TrainingPlan(5, 4, true, 3), Networks.sgd(0.1));

        for (int e = 0; e < 5; e++) {
            assertThat(r32.lossHistory()[e]).isCloseTo(r64.lossHistory()[e], within(1e-4 * r64.lossHistory()[e]));
        }
        INDArray x = Matrices.fromRows(inputs, Precision.FLOAT64);
        double[] p64 = wide.predict(x).ravel().toDoubleVector();
        double[] p32 = narrow.predict(x.castTo(Precision.FLOAT32.dataType())).ravel().toDoubleVector();
        for (int i = 0; i < p64.length; i++) {
            assertThat(p32[i]).isCloseTo(p64[i], within(1e-4 * Math.abs(p64[i])));
        }
    }
}
