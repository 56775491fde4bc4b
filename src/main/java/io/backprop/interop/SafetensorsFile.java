package io.backprop.interop;

import io.backprop.state.Tensor;
import java.util.Map;

/** The contents of a safetensors file: its {@code __metadata__} strings and its tensors by name, in header order. */
record SafetensorsFile(Map<String, String> metadata, Map<String, Tensor> tensors) {
}
