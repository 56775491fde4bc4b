package io.backprop.web;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** Turns Jackson's reading failures into a field problem naming the JSON path and the expected value. */
final class JsonErrors {

    private JsonErrors() {
    }

    static FieldProblem describe(JsonMappingException exception) {
        String field = path(exception);
        if (exception instanceof UnrecognizedPropertyException unknown && typeName(unknown.getReferringClass()) != null) {
            return new FieldProblem(field, "does not apply to " + typeName(unknown.getReferringClass()) + "; its fields are: type, "
                    + Arrays.stream(unknown.getReferringClass().getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.joining(", ")));
        }
        if (exception instanceof InvalidTypeIdException invalid && invalid.getBaseType() != null) {
            Class<?> base = invalid.getBaseType().getRawClass();
            return new FieldProblem(path(exception) + "." + base.getAnnotation(JsonTypeInfo.class).property(), "'" + invalid.getTypeId()
                    + "' is not one of: " + Arrays.stream(base.getPermittedSubclasses()).map(JsonErrors::typeName)
                    .collect(Collectors.joining(", ")));
        }
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(field, "is not a field of this request; known fields: " + unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")));
        }
        if (exception instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return new FieldProblem(field, "'" + invalid.getValue() + "' is not one of: " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return new FieldProblem(field, "must be " + (insideNumberArray(exception) ? "a finite number" : expected(mismatched.getTargetType())));
        }
        return new FieldProblem(field, "cannot be read: " + withoutSource(exception.getOriginalMessage()));
    }

    static FieldProblem describe(JsonParseException exception) {
        var location = exception.getLocation();
        return new FieldProblem("$", "is not valid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr()
                + ": " + withoutSource(exception.getOriginalMessage()));
    }

    /** The {@code type} value that selects {@code type} among its sealed siblings, or null when it is not one of them. */
    private static String typeName(Class<?> type) {
        JsonTypeName name = type == null ? null : type.getAnnotation(JsonTypeName.class);
        return name == null || !type.isRecord() ? null : name.value();
    }

    /** Jackson's message without its trailing source location, which the problem states on its own. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\s*\\(?(start marker at )?\\[Source:.*", "").replaceAll("\\s+", " ").trim();
    }

    /** Whether the failing value is an element of a number array, such as inputs[0][1]. */
    private static boolean insideNumberArray(JsonMappingException exception) {
        var path = exception.getPath();
        return !path.isEmpty() && path.get(path.size() - 1).getFrom() instanceof double[];
    }

    /** The JSON path of the failure, such as {@code layers[1].weights[0][2]}. */
    static String path(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a finite number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == double[].class) {
            return "an array of numbers";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
