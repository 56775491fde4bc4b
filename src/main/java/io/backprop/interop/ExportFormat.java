package io.backprop.interop;

import io.backprop.web.ProblemException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The formats a network is exported in, by their {@code format} parameter value, which is also the file extension. */
enum ExportFormat {
    JSON, SAFETENSORS, ONNX;

    String extension() {
        return name().toLowerCase();
    }

    /** The format named {@code value}; 400 naming the choices otherwise. */
    static ExportFormat parse(String value) {
        return Arrays.stream(values()).filter(format -> format.extension().equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("format", "is '" + value + "'; choose one of "
                        + Arrays.stream(values()).map(ExportFormat::extension).collect(Collectors.joining(", "))));
    }
}
