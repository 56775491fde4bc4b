package io.backprop.interop;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Size limits of imported files, checked before their contents are parsed (the request itself is
 * bounded by {@code backprop.limits.max-request-size}).
 *
 * @param maxSafetensorsHeader bytes of a safetensors file's JSON header (more: 413)
 * @param maxOnnxBytes         bytes of an ONNX model, the protobuf parser's size limit (more: 413)
 */
@Validated
@ConfigurationProperties("backprop.interop")
public record InteropSettings(
        @DefaultValue("1MB") DataSize maxSafetensorsHeader,
        @DefaultValue("128MB") DataSize maxOnnxBytes) {
}
