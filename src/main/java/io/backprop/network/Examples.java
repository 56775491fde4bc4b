package io.backprop.network;

/** Request examples for the OpenAPI description: the 2-2-2 worked example, so "Try it out" reproduces the textbook. */
final class Examples {

    static final String CREATE_MAZUR = """
            {
              "name": "mazur-2-2-2",
              "inputs": 2,
              "layers": [
                { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] }
              ],
              "loss": "mse",
              "dtype": "float64",
              "optimizer": { "type": "sgd", "learningRate": 0.5 }
            }""";

    static final String BACKPROP_MAZUR = """
            { "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]], "learningRate": 0.5, "apply": true }""";

    static final String TRAIN_MAZUR = """
            { "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]], "epochs": 10000,
              "optimizer": { "type": "sgd", "learningRate": 0.5 } }""";

    private Examples() {
    }
}
