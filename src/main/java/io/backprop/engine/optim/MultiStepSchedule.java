package io.backprop.engine.optim;

import java.util.List;

/** {@code MultiStepLR}: at each milestone the rate is multiplied by γ (by γᵏ for a milestone listed k times). */
public final class MultiStepSchedule extends Schedule.Counted {

    private final List<Long> milestones;
    private final double gamma;

    public MultiStepSchedule(List<Long> milestones, double gamma) {
        this.milestones = List.copyOf(milestones);
        this.gamma = gamma;
    }

    @Override
    double rate(double learningRate, double loss) {
        long times = milestones.stream().filter(milestone -> milestone == count()).count();
        return times == 0 ? learningRate : learningRate * Math.pow(gamma, times);
    }
}
