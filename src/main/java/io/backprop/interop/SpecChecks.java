package io.backprop.interop;

import io.backprop.config.Limits;
import io.backprop.engine.Activation;
import io.backprop.engine.Loss;
import io.backprop.state.LayerShape;
import io.backprop.state.NetworkSpec;
import io.backprop.web.ProblemException;
import org.springframework.http.HttpStatus;

/** What creation checks of a network, checked of an imported one before its tensors are built: loss pairing and size limits. */
final class SpecChecks {

    private SpecChecks() {
    }

    /** Fails with 400 for a loss that does not pair with the output, 422 over the layer or parameter limits. */
    static void check(NetworkSpec spec, String lossField, Limits limits) {
        if (spec.layers().size() > limits.maxLayers()) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, null, "The network has " + spec.layers().size()
                    + " layers, more than " + limits.maxLayers() + " (backprop.limits.max-layers).");
        }
        long parameters = parameterCount(spec);
        if (parameters > limits.maxParametersPerNetwork()) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, null, "The network has " + parameters
                    + " parameters, more than " + limits.maxParametersPerNetwork() + " (backprop.limits.max-parameters-per-network).");
        }
        Activation output = spec.layers().get(spec.layers().size() - 1).activation();
        if (!spec.loss().pairsWith(output)) {
            String needed = spec.loss() == Loss.CROSS_ENTROPY ? "softmax" : "sigmoid";
            throw ProblemException.invalid(lossField, spec.loss() + " needs a " + needed + " output layer, but the output layer's "
                    + "activation is " + output + "; choose a loss that pairs with it (mse pairs with any)");
        }
    }

    static long parameterCount(NetworkSpec spec) {
        long count = 0;
        long fanIn = spec.inputs();
        for (LayerShape layer : spec.layers()) {
            count += layer.units() * fanIn + (layer.bias() ? layer.units() : 0);
            fanIn = layer.units();
        }
        return count;
    }
}
