package io.backprop.web;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Type ids of a sealed interface's records, each named by its {@link JsonTypeName}. Unlike Jackson's
 * name resolver it rejects an unknown id even when the interface has a default for a missing one,
 * so {@code "type": "lion"} is an error while an omitted {@code type} picks the default.
 */
public final class SealedTypeIds extends TypeIdResolverBase {

    private final Map<String, Class<?>> types = new LinkedHashMap<>();
    private JavaType base;

    @Override
    public void init(JavaType baseType) {
        base = baseType;
        Class<?> root = baseType.getRawClass();
        if (!root.isSealed()) {
            root = Arrays.stream(root.getInterfaces()).filter(Class::isSealed).findFirst().orElseThrow();
        }
        for (Class<?> type : root.getPermittedSubclasses()) {
            types.put(type.getAnnotation(JsonTypeName.class).value(), type);
        }
    }

    @Override
    public String idFromValue(Object value) {
        return idFromValueAndType(value, value.getClass());
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> type) {
        return type.getAnnotation(JsonTypeName.class).value();
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws IOException {
        Class<?> type = types.get(id);
        if (type == null && context instanceof DeserializationContext reading) {
            throw reading.invalidTypeIdException(base, id, "known type ids are " + String.join(", ", types.keySet()));
        }
        if (type == null) {
            throw new IllegalArgumentException("'" + id + "' is not a type id of " + base.getRawClass().getSimpleName());
        }
        return context.constructSpecializedType(base, type);
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
