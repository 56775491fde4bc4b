/** Networks leaving and entering the service: export and import as JSON, safetensors and ONNX. */
package io.backprop.interop;
