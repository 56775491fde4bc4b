package io.backprop.interop;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.springframework.web.multipart.MultipartFile;

@Schema(description = """
        A model file to import (multipart/form-data): part `file` holds a .safetensors file (its __metadata__ \
        "backprop.network" describes the network, or part `network` does) or an .onnx file (a chain of Gemm or \
        MatMul + Add layers and their activations, as torch.onnx.export writes an nn.Sequential MLP).""")
record ImportForm(
        @Schema(description = "The .safetensors or .onnx file (a JSON export is accepted too).", requiredMode = Schema.RequiredMode.REQUIRED)
        MultipartFile file,
        @Schema(description = "The new network's name (default: the file's).", example = "from-pytorch") @Size(max = 200) String name,
        @Schema(description = "The loss to train with (default: the file's, else mse).", allowableValues = {"mse", "cross_entropy",
                "binary_cross_entropy"}) String loss,
        @Schema(description = "The optimizer to train with, as JSON (default: sgd); its state starts afresh.",
                example = "{\"type\": \"adam\", \"learningRate\": 0.001}") String optimizer,
        @Schema(description = "safetensors only: the network as JSON {name, inputs, layers: [{units, activation, bias}], loss, "
                + "dtype}, for a file without __metadata__ (or to override it).",
                example = "{\"inputs\": 2, \"layers\": [{\"units\": 2, \"activation\": \"sigmoid\"}, {\"units\": 2, \"activation\": "
                        + "\"sigmoid\"}], \"loss\": \"mse\", \"dtype\": \"float64\"}") String network) {
}
