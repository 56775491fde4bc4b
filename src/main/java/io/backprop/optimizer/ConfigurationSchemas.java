package io.backprop.optimizer;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the sealed configurations as a client reads them: the interface is a
 * {@code oneOf} with a {@code type} discriminator, each record a plain object whose {@code type}
 * is its one value, and each field's default taken from the record's {@code completed()}.
 */
@Configuration(proxyBeanMethods = false)
class ConfigurationSchemas {

    @Bean
    GlobalOpenApiCustomizer sealedConfigurations() {
        return openApi -> {
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            describe(schemas, OptimizerSpec.class, "sgd", spec -> ((OptimizerSpec) spec).completed());
            describe(schemas, ScheduleSpec.class, "constant", spec -> ((ScheduleSpec) spec).completed());
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describe(Map<String, Schema> schemas, Class<?> root, String omitted, UnaryOperator<Object> completed) {
        Schema parent = schemas.get(root.getSimpleName());
        if (parent == null) {
            return;
        }
        parent.setProperties(null);
        parent.setRequired(null);
        for (Class<?> type : root.getPermittedSubclasses()) {
            String name = type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class).name();
            String id = type.getAnnotation(JsonTypeName.class).value();
            Schema original = schemas.get(name);
            Schema flat = new ObjectSchema().description(original.getDescription());
            flat.addProperty("type", new StringSchema()._enum(List.of(id))
                    .description(id.equals(omitted) ? "`" + id + "`, also taken when `type` is omitted." : "`" + id + "`."));
            List<String> required = new ArrayList<>(List.of("type"));
            List<Schema> parts = original.getAllOf() == null ? List.of(original) : original.getAllOf();
            for (Schema part : parts) {
                if (part.get$ref() == null && part.getProperties() != null) {
                    ((Map<String, Schema>) part.getProperties()).forEach(flat::addProperty);
                }
                if (part.get$ref() == null && part.getRequired() != null) {
                    required.addAll(part.getRequired());
                }
            }
            if (original.getRequired() != null) {
                required.addAll(original.getRequired());
            }
            flat.setRequired(required.stream().distinct().toList());
            Object defaults = completed.apply(allOmitted(type));
            for (RecordComponent component : type.getRecordComponents()) {
                Object value = value(component, defaults);
                Schema property = (Schema) flat.getProperties().get(component.getName());
                if (value != null && property != null) {
                    property.setDescription((property.getDescription() == null ? "" : property.getDescription() + " ")
                            + "Default: " + value + ".");
                }
            }
            schemas.put(name, flat);
        }
    }

    /** The record with every field omitted. */
    private static Object allOmitted(Class<?> type) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(new Object[types.length]);
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
