package io.backprop.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.engine.kernels.KernelChoice;
import io.backprop.engine.optim.Adam;
import io.backprop.engine.optim.Parameter;
import io.backprop.engine.optim.Regimen;
import io.backprop.web.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The continue-or-restart rule of optimizer state and schedule counters between calls. */
class TrainingConfigTest {

    private static final TrainingConfig ADAM_STEP = TrainingConfig.of(new OptimizerSpec.Adam(0.01, null, null, null, null, null),
            new ScheduleSpec.Step(null, 1L, 0.5), null);

    @Test
    void theSameConfigurationContinuesStateCountersAndTheDecayedRate() {
        Regimen trained = trainedTwoEpochs(ADAM_STEP);

        Regimen next = TrainingConfig.of(new OptimizerSpec.Adam(0.01, 0.9, null, null, null, null),
                new ScheduleSpec.Step(null, 1L, 0.5), null).continuing(ADAM_STEP, trained);

        assertThat(next).isNotSameAs(trained);
        assertThat(next.steps()).isEqualTo(2);
        assertThat(next.epochs()).isEqualTo(2);
        assertThat(next.optimizer().learningRate()).isEqualTo(0.0025);
        assertThat(next.optimizer().state()).containsOnlyKeys("0.weight");
    }

    @Test
    void anotherScheduleKeepsTheOptimizerStateAndStartsFromTheBaseRate() {
        Regimen trained = trainedTwoEpochs(ADAM_STEP);

        Regimen next = TrainingConfig.of(ADAM_STEP.optimizer(), new ScheduleSpec.Exponential(null, 0.9), null)
                .continuing(ADAM_STEP, trained);

        assertThat(next.steps()).isEqualTo(2);
        assertThat(next.optimizer().state()).containsOnlyKeys("0.weight");
        assertThat(next.epochs()).isZero();
        assertThat(next.schedule().count()).isZero();
        assertThat(next.optimizer().learningRate()).isEqualTo(0.01);
    }

    @Test
    void anotherOptimizerStartsEverythingAfresh() {
        Regimen trained = trainedTwoEpochs(ADAM_STEP);

        Regimen next = TrainingConfig.of(new OptimizerSpec.Adam(0.02, null, null, null, null, null), ADAM_STEP.schedule(), null)
                .continuing(ADAM_STEP, trained);

        assertThat(next.steps()).isZero();
        assertThat(next.epochs()).isZero();
        assertThat(next.optimizer().state()).isEmpty();
        assertThat(next.optimizer().learningRate()).isEqualTo(0.02);
    }

    @Test
    void aTrainCallThatOmitsEveryPartContinuesEverything() {
        Regimen trained = trainedTwoEpochs(ADAM_STEP);

        Regimen next = ADAM_STEP.with(null, null, null).continuing(ADAM_STEP, trained);

        assertThat(next.steps()).isEqualTo(2);
        assertThat(next.epochs()).isEqualTo(2);
        assertThat(next.optimizer().learningRate()).isEqualTo(0.0025);
        assertThat(next.optimizer().state().get("0.weight")).isEqualTo(trained.optimizer().state().get("0.weight"));
    }

    @Test
    void anotherClipKeepsTheOptimizerStateTheScheduleCountersAndTheDecayedRate() {
        Regimen trained = trainedTwoEpochs(ADAM_STEP);

        Regimen next = ADAM_STEP.with(null, null, new ClipSpec(1.0, null)).continuing(ADAM_STEP, trained);

        assertThat(next.steps()).isEqualTo(2);
        assertThat(next.epochs()).isEqualTo(2);
        assertThat(next.schedule().count()).isEqualTo(trained.schedule().count()).isEqualTo(2);
        assertThat(next.optimizer().learningRate()).isEqualTo(0.0025);
        assertThat(next.optimizer().state().get("0.weight")).isEqualTo(trained.optimizer().state().get("0.weight"));
        assertThat(next.step(List.of(parameter(Nd4j.ones(2, 2), 10)), 1.0)).as("norm before clipping").isEqualTo(20.0);
    }

    @Test
    void anotherOptimizerTypeStartsAfreshWithItsOwnRate() {
        Regimen trained = trainedTwoEpochs(ADAM_STEP);

        Regimen next = ADAM_STEP.with(new OptimizerSpec.Sgd(0.3, 0.9, null, null, null), null, null).continuing(ADAM_STEP, trained);

        assertThat(next.steps()).isZero();
        assertThat(next.epochs()).isZero();
        assertThat(next.schedule().count()).isZero();
        assertThat(next.optimizer().state()).isEmpty();
        assertThat(next.optimizer().learningRate()).isEqualTo(0.3);
    }

    @Test
    void aContinuedRegimenIsACopySoTrainingItLeavesTheNetworksOwnUntouched() {
        Regimen trained = trainedTwoEpochs(ADAM_STEP);
        var expAvg = trained.optimizer().state().get("0.weight").get(Adam.EXP_AVG).dup();

        Regimen next = ADAM_STEP.continuing(ADAM_STEP, trained);
        next.step(List.of(parameter(Nd4j.ones(2, 2), 0.5)), 1.0);
        next.epochDone(1.0);

        assertThat(next.steps()).isEqualTo(3);
        assertThat(trained.steps()).isEqualTo(2);
        assertThat(trained.epochs()).isEqualTo(2);
        assertThat(trained.optimizer().learningRate()).isEqualTo(0.0025);
        assertThat(trained.optimizer().state().get("0.weight").get(Adam.EXP_AVG)).isEqualTo(expAvg);
        assertThat(next.optimizer().state().get("0.weight").get(Adam.EXP_AVG)).isNotEqualTo(expAvg);
    }

    @Test
    void omittedPartsTakeTheirDefaultsAndInvalidOnesAreNamed() {
        TrainingConfig defaults = TrainingConfig.of(null, null, null);

        assertThat(defaults.optimizer()).isEqualTo(new OptimizerSpec.Sgd(0.1, 0.0, 0.0, false, 0.0));
        assertThat(defaults.schedule()).isEqualTo(new ScheduleSpec.Constant(Regimen.Unit.EPOCH));
        assertThatThrownBy(() -> TrainingConfig.of(new OptimizerSpec.Sgd(null, null, null, true, null),
                new ScheduleSpec.Plateau(Regimen.Unit.STEP, null, null, null, null, null), new ClipSpec(null, null)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.errors()).extracting(e -> e.field())
                        .containsExactly("optimizer.nesterov", "schedule.unit", "clip"));
    }

    private static Regimen trainedTwoEpochs(TrainingConfig config) {
        Regimen regimen = config.regimen();
        var weights = Nd4j.ones(2, 2);
        for (int epoch = 0; epoch < 2; epoch++) {
            regimen.step(List.of(parameter(weights, 0.1)), 1.0);
            regimen.epochDone(1.0);
        }
        return regimen;
    }

    /** Parameter "0.weight" with value {@code weights} and every gradient element {@code gradient}. */
    private static Parameter parameter(INDArray weights, double gradient) {
        return new Parameter("0.weight", weights, Nd4j.ones(2, 2).muli(gradient),
                KernelChoice.forBatches(2, weights.dataType()).updates(weights.length()));
    }
}
