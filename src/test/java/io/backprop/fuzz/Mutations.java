package io.backprop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Structural mutations of a valid JSON body: values of another type, fields dropped, duplicated or
 * added, numbers at the edges, huge arrays, deep nesting, odd Unicode. Values JSON trees cannot
 * hold (1e999, lone surrogates, duplicate keys) are written as raw text.
 */
final class Mutations {

    static final int KINDS = 8;
    private static final String RAW = "\u0001raw:";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] EDGE_NUMBERS = {"0", "-0", "-1", "1e309", "-1e309", "4.9e-324", "1.7976931348623157e308",
        "2147483648", "-2147483649", "9223372036854775808", "1" + "0".repeat(399), "0." + "0".repeat(390) + "1", "1e-99999",
        "0.5", "1.0", "NaN", "Infinity", "-Infinity"};
    private static final String[] ODD_STRINGS = {"\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\u202e\u0644\"",
        "\"\uD83D\uDE00\"", "\"a\u0301\u0301\u0301\"", "\"\uFEFF\"", "\"" + "\u00e9".repeat(10_000) + "\"", "\"sigmoid\u0000\"",
        "\"SIGMOID\"", "\" sgd\""};

    private Mutations() {
    }

    /**
     * The body after applying {@code kinds} (each in 0..KINDS-1) at places chosen by {@code random}.
     * A huge array (kind 4) comes last and at most once: its copies share one element, which a later
     * mutation would otherwise multiply.
     */
    static String apply(JsonNode valid, List<Integer> kinds, Random random) {
        JsonNode root = valid.deepCopy();
        Map<JsonNode, String> duplicates = new IdentityHashMap<>();
        List<Integer> ordered = new ArrayList<>(kinds.stream().filter(kind -> kind != 4).toList());
        if (kinds.contains(4)) {
            ordered.add(4);
        }
        for (int kind : ordered) {
            root = mutate(root, kind, random, duplicates);
        }
        StringBuilder out = new StringBuilder();
        write(root, duplicates, out);
        return out.toString();
    }

    private static JsonNode mutate(JsonNode root, int kind, Random random, Map<JsonNode, String> duplicates) {
        List<Place> places = new ArrayList<>();
        collect(root, null, null, -1, places);
        Place place = places.get(random.nextInt(places.size()));
        JsonNode target = place.node;
        JsonNode replacement = switch (kind) {
            case 0 -> otherType(target, random);
            case 1 -> null;
            case 2 -> {
                if (target instanceof ObjectNode object && object.size() > 0) {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    duplicates.put(object, names.get(random.nextInt(names.size())));
                }
                yield target;
            }
            case 3 -> raw(EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)]);
            case 4 -> huge(target, random);
            case 5 -> deep(target, 1 + random.nextInt(random.nextBoolean() ? 8 : 2_000));
            case 6 -> raw(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]);
            default -> {
                if (target instanceof ObjectNode object) {
                    object.set(random.nextBoolean() ? "unknownField" : "Inputs", NODES.numberNode(1));
                }
                yield target;
            }
        };
        if (place.parent == null) {
            return replacement == null ? NODES.objectNode() : replacement;
        }
        if (place.parent instanceof ObjectNode object) {
            if (replacement == null) {
                object.remove(place.name);
            } else {
                object.set(place.name, replacement);
            }
        } else if (place.parent instanceof ArrayNode array) {
            if (replacement == null) {
                array.remove(place.index);
            } else {
                array.set(place.index, replacement);
            }
        }
        return root;
    }

    private static JsonNode otherType(JsonNode node, Random random) {
        List<JsonNode> others = List.of(NODES.textNode("1"), NODES.numberNode(1), NODES.booleanNode(true), NODES.nullNode(),
                NODES.objectNode(), NODES.arrayNode(), NODES.arrayNode().add(NODES.arrayNode()));
        JsonNode other;
        do {
            other = others.get(random.nextInt(others.size()));
        } while (other.getNodeType() == node.getNodeType() && other.size() == node.size());
        return other;
    }

    /**
     * An array of many copies of the node (or of its first element), kept under 1.5 MB: a body the
     * service refuses early beyond Tomcat's swallow size (2 MB) ends the connection before the client can read the answer.
     */
    private static JsonNode huge(JsonNode node, Random random) {
        JsonNode element = node.isArray() && node.size() > 0 ? node.get(0) : node;
        StringBuilder written = new StringBuilder();
        write(element, Map.of(), written);
        int most = 1_500_000 / (written.length() + 1);
        int copies = Math.min(most, random.nextBoolean() ? 1_000 + random.nextInt(2_000) : 50_000 + random.nextInt(150_000));
        ArrayNode array = NODES.arrayNode(copies);
        for (int i = 0; i < copies; i++) {
            array.add(element);
        }
        return array;
    }

    private static JsonNode deep(JsonNode node, int depth) {
        JsonNode wrapped = node;
        for (int i = 0; i < depth; i++) {
            wrapped = NODES.arrayNode().add(wrapped);
        }
        return wrapped;
    }

    private static TextNode raw(String text) {
        return NODES.textNode(RAW + text);
    }

    private static void collect(JsonNode node, JsonNode parent, String name, int index, List<Place> places) {
        places.add(new Place(node, parent, name, index));
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> collect(field.getValue(), node, field.getKey(), -1, places));
        } else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 4); i++) {
                collect(node.get(i), node, null, i, places);
            }
        }
    }

    private static void write(JsonNode node, Map<JsonNode, String> duplicates, StringBuilder out) {
        if (node.isTextual() && node.asText().startsWith(RAW)) {
            out.append(node.asText().substring(RAW.length()));
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            String duplicate = duplicates.get(node);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                int times = field.getKey().equals(duplicate) ? 2 : 1;
                for (int t = 0; t < times; t++) {
                    out.append(first ? "" : ",").append(TextNode.valueOf(field.getKey())).append(':');
                    write(field.getValue(), duplicates, out);
                    first = false;
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), duplicates, out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    private record Place(JsonNode node, JsonNode parent, String name, int index) {
    }
}
