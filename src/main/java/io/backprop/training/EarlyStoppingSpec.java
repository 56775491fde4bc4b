package io.backprop.training;

import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.PositiveOrZero;

@Schema(description = "Stop when the monitored value has not improved by more than minDelta for patience epochs.")
record EarlyStoppingSpec(
        @Schema(description = "valLoss (lower is better; needs validation), valAccuracy (higher is better; needs validation "
                + "and a classifier), or loss (the epoch's training loss).", defaultValue = "valLoss") Monitor monitor,
        @Schema(description = "Epochs without improvement before stopping.", defaultValue = "5") @PositiveOrZero Integer patience,
        @Schema(description = "Smallest change that counts as an improvement.", defaultValue = "0") @Finite @PositiveOrZero Double minDelta,
        @Schema(description = "Put back the parameters of the best epoch when the job ends.", defaultValue = "false")
        Boolean restoreBest) {

    /** The values early stopping can watch. */
    enum Monitor {
        VAL_LOSS("valLoss"), VAL_ACCURACY("valAccuracy"), LOSS("loss");

        private final String wire;

        Monitor(String wire) {
            this.wire = wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    Monitor monitorOrDefault() {
        return monitor == null ? Monitor.VAL_LOSS : monitor;
    }

    int patienceOrDefault() {
        return patience == null ? 5 : patience;
    }

    double minDeltaOrDefault() {
        return minDelta == null ? 0 : minDelta;
    }

    boolean restoresBest() {
        return Boolean.TRUE.equals(restoreBest);
    }
}
