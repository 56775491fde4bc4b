package io.backprop.network;

import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(description = "A network definition.")
record CreateNetworkRequest(
        @Schema(description = "A name for people; not unique.", example = "mazur-2-2-2")
        @Size(max = 200) String name,
        @Schema(description = "Input size: the length of every row of `inputs`.", example = "2", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Positive Integer inputs,
        @Schema(description = "The layers from the first hidden layer to the output layer.", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty List<@NotNull @Valid LayerSpec> layers,
        @Schema(description = "Loss: `mse` with any output, `cross_entropy` only after a softmax output, "
                + "`binary_cross_entropy` only after a sigmoid output.", defaultValue = "mse")
        Loss loss,
        @Schema(description = "Floating-point type of every parameter and computation.", defaultValue = "float32")
        Precision dtype,
        @Valid InitSpec init,
        @Schema(description = "The network's optimizer. Default: sgd with learningRate 0.1.")
        @Valid OptimizerSpec optimizer,
        @Schema(description = "The learning-rate schedule. Default: constant.")
        @Valid ScheduleSpec schedule,
        @Schema(description = "Gradient clipping. Default: none.")
        @Valid ClipSpec clip) {
}
