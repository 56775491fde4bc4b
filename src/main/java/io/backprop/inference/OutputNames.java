package io.backprop.inference;

import io.backprop.network.ModelInfo;
import java.util.List;

/** A model's outputs: {@code output} (ŷ), and {@code classes} (argmax per row) for a softmax network. */
final class OutputNames {

    static final String OUTPUT = "output";
    static final String CLASSES = "classes";

    private OutputNames() {
    }

    static List<String> of(ModelInfo model) {
        return model.softmax() ? List.of(OUTPUT, CLASSES) : List.of(OUTPUT);
    }

    /** The names in a sentence: 'output' and 'classes', or 'output' alone. */
    static String listed(ModelInfo model) {
        return model.softmax() ? "'" + OUTPUT + "' and '" + CLASSES + "'" : "'" + OUTPUT + "' only";
    }
}
