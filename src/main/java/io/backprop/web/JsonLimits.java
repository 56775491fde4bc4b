package io.backprop.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pins what one JSON document may hold, so that hostile input fails fast with a 400 instead of
 * costing stack, memory or quadratic number parsing: nesting depth (requests nest a few levels),
 * number length (enough for any double written out in full), string and field-name length.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 400;
    static final int MAX_STRING_LENGTH = 1_000_000;
    static final int MAX_NAME_LENGTH = 1_000;

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build();

    @Bean
    Jackson2ObjectMapperBuilderCustomizer streamReadConstraints() {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(CONSTRAINTS));
    }
}
