package io.backprop.network;

import io.backprop.web.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks of a configuration whose {@code type} decides which optional fields it takes
 * (optimizers, schedules), so that a field meant for another type never passes silently.
 */
final class TypedFields {

    private TypedFields() {
    }

    /**
     * One problem per field given (non-null in {@code given}, by name) that {@code type} does not take;
     * {@code common} names the fields every type takes.
     */
    static List<FieldProblem> foreign(String path, Object type, List<String> allowed, String common, Object... given) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < given.length; i += 2) {
            named.put((String) given[i], given[i + 1]);
        }
        List<FieldProblem> problems = new ArrayList<>();
        named.forEach((field, value) -> {
            if (value != null && !allowed.contains(field)) {
                problems.add(new FieldProblem(path + "." + field, "does not apply to " + type + "; its fields are: " + common
                        + (allowed.isEmpty() ? "" : ", " + String.join(", ", allowed))));
            }
        });
        return problems;
    }

    /** {@code given}, or {@code fallback} when omitted. */
    static double orDefault(Double given, double fallback) {
        return given == null ? fallback : given;
    }
}
