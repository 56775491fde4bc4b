package io.backprop.interop;

/** The OpenAPI description's examples of each format, for the 2-2-2 worked example in float64. */
final class InteropExamples {

    static final String EXPORT_DESCRIPTION = """
            `json` (default): the whole state (definition, state dict, optimizer configuration and buffers, schedule \
            state, counters, sha256 of the state-dict tensors); import it back to continue training bit for bit. \
            `safetensors`: the state dict for `safetensors.torch.load_file` → `nn.Sequential(Linear, activation, …)\
            .load_state_dict`, the definition in `__metadata__` "backprop.network". `onnx`: an ONNX model (opset 17), \
            input `input` [N, inputs], output `output`, a Gemm (transB = 1) and an activation node per layer.""";

    static final String IMPORT_DESCRIPTION = """
            multipart/form-data, part `file`: a .safetensors file (its __metadata__ "backprop.network" describes the \
            network, or part `network` does) or an .onnx file made of Gemm or MatMul + Add layers and Sigmoid, Tanh, \
            Relu, LeakyRelu (alpha 0.01), Softmax (last axis) in a chain, as torch.onnx.export writes an nn.Sequential \
            MLP. Optional parts `name`, `loss`, `optimizer` (JSON). Anything else is a 422 naming the first node or key \
            it cannot take; a damaged file (truncated, header length past the end, shapes that do not chain, a NaN \
            weight) is a 400; nothing is created either way.""";

    static final String JSON_EXPORT = """
            {
              "format": "backprop.network",
              "formatVersion": 1,
              "network": { "name": "mazur-2-2-2", "inputs": 2,
                "layers": [ { "units": 2, "activation": "sigmoid", "bias": true }, { "units": 2, "activation": "sigmoid", "bias": true } ],
                "loss": "mse", "dtype": "float64" },
              "stateDict": { "0.weight": [[0.15, 0.2], [0.25, 0.3]], "0.bias": [0.35, 0.35],
                             "2.weight": [[0.4, 0.45], [0.5, 0.55]], "2.bias": [0.6, 0.6] },
              "training": { "optimizer": { "type": "sgd", "learningRate": 0.5, "momentum": 0.0, "dampening": 0.0, "nesterov": false,
                            "weightDecay": 0.0 },
                            "schedule": { "type": "constant", "unit": "epoch" }, "epoch": 0, "step": 0,
                            "learningRate": 0.5, "optimizerState": {}, "scheduleState": { "count": 0, "values": {} } },
              "counters": { "epochsTrained": 0, "stepsTrained": 0, "samplesSeen": 0 },
              "lastLoss": null,
              "sha256": "<hex SHA-256 of the four tensors' little-endian float64 bytes>"
            }""";

    static final String SAFETENSORS_HEADER = """
            {"__metadata__":{"backprop.network":"{\\"name\\":\\"mazur-2-2-2\\",\\"inputs\\":2,\\"layers\\":[…],\\"loss\\":\\"mse\\",\\"dtype\\":\\"float64\\"}"},
             "0.weight":{"dtype":"F64","shape":[2,2],"data_offsets":[0,32]},"0.bias":{"dtype":"F64","shape":[2],"data_offsets":[32,48]},
             "2.weight":{"dtype":"F64","shape":[2,2],"data_offsets":[48,80]},"2.bias":{"dtype":"F64","shape":[2],"data_offsets":[80,96]}}""";

    static final String ONNX_GRAPH = """
            opset 17; input "input" DOUBLE [N, 2]; output "output" DOUBLE [N, 2]
            initializers: 0.weight [2, 2], 0.bias [2], 2.weight [2, 2], 2.bias [2]
            /0/Gemm(input, 0.weight, 0.bias; transB = 1) -> /0/Gemm_output_0
            /1/Sigmoid(/0/Gemm_output_0) -> /1/output_0
            /2/Gemm(/1/output_0, 2.weight, 2.bias; transB = 1) -> /2/Gemm_output_0
            /3/Sigmoid(/2/Gemm_output_0) -> output""";

    private InteropExamples() {
    }
}
