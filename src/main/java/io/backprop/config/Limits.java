package io.backprop.config;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one instance holds and accepts, so that no request can exhaust it.
 *
 * @param maxNetworks             networks held at once (more: 429)
 * @param maxParametersPerNetwork weights and biases of one network (more: 422)
 * @param maxTotalParameters      weights and biases of all networks together (more: 429)
 * @param maxLayers               layers of one network (more: 422)
 * @param maxRowsPerRequest       rows of {@code inputs} in one request (more: 413)
 * @param maxRequestSize          bytes of one request body (more: 413)
 * @param maxSampleEpochsPerCall  rows × epochs of one synchronous train call (more: 422)
 * @param maxGradientCheckParameters parameters a gradient check perturbs one by one (more: 422)
 * @param maxDatasets             data sets held at once (more: 429)
 * @param maxDatasetBytes         bytes of one data set's matrices (more: 413)
 * @param maxTotalDatasetBytes    bytes of all data sets' matrices together (more: 413)
 * @param maxHistoryEpochs        epochs kept in a network's history (older ones are dropped)
 */
@Validated
@ConfigurationProperties("backprop.limits")
public record Limits(
        @DefaultValue("1000") @Positive int maxNetworks,
        @DefaultValue("5000000") @Positive long maxParametersPerNetwork,
        @DefaultValue("100000000") @Positive long maxTotalParameters,
        @DefaultValue("64") @Positive int maxLayers,
        @DefaultValue("100000") @Positive int maxRowsPerRequest,
        @DefaultValue("128MB") DataSize maxRequestSize,
        @DefaultValue("20000000") @Positive long maxSampleEpochsPerCall,
        @DefaultValue("20000") @Positive int maxGradientCheckParameters,
        @DefaultValue("100") @Positive int maxDatasets,
        @DefaultValue("1GB") DataSize maxDatasetBytes,
        @DefaultValue("4GB") DataSize maxTotalDatasetBytes,
        @DefaultValue("100000") @Positive int maxHistoryEpochs) {
}
