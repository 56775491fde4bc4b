package io.backprop.engine.optim;

import java.util.List;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gradient clipping before the optimizer step, as {@code clip_grad_norm_} and {@code clip_grad_value_}.
 * Both answer the global L2 norm of the gradients before clipping.
 */
public interface Clipping {

    /** Clips the gradients in place; returns their global L2 norm before clipping. */
    double clip(List<Parameter> parameters);

    /** Scales every gradient by maxNorm / (norm + 1e-6) when the global norm exceeds maxNorm. */
    static Clipping byNorm(double maxNorm) {
        return parameters -> {
            double norm = globalNorm(parameters);
            double coefficient = maxNorm / (norm + 1e-6);
            if (coefficient < 1) {
                parameters.forEach(parameter -> parameter.gradient().muli(coefficient));
            }
            return norm;
        };
    }

    /** Clamps every gradient element into [−maxValue, maxValue]. */
    static Clipping byValue(double maxValue) {
        return parameters -> {
            double norm = globalNorm(parameters);
            for (Parameter parameter : parameters) {
                Transforms.max(Transforms.min(parameter.gradient(), maxValue, false), -maxValue, false);
            }
            return norm;
        };
    }

    /** ‖(‖g₁‖, ‖g₂‖, …)‖: the L2 norm of all gradients taken together, computed as PyTorch does. */
    static double globalNorm(List<Parameter> parameters) {
        double sumOfSquares = 0;
        for (Parameter parameter : parameters) {
            double norm = parameter.gradient().norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        return Math.sqrt(sumOfSquares);
    }
}
