package io.backprop.datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of a CSV label column, turned into class indexes once the whole column is read: when
 * every distinct cell is a whole number from 0, that number is the class; otherwise the cells are
 * class names, numbered in sorted order (so the numbering does not depend on the order of rows).
 */
final class LabelColumn {

    private final Map<String, Integer> seen = new HashMap<>();
    private final List<String> distinct = new ArrayList<>();
    private final Labels provisional = new Labels();

    void add(String cell) {
        provisional.add(seen.computeIfAbsent(cell, name -> {
            distinct.add(name);
            return distinct.size() - 1;
        }));
    }

    /** The class names in class order, or {@code null} when the labels are class numbers. */
    List<String> names() {
        return distinct.stream().allMatch(LabelColumn::isClassNumber) ? null : distinct.stream().sorted().toList();
    }

    /** The labels as class indexes, under the numbering {@code names} (from {@link #names()}) describes. */
    Labels classes(List<String> names) {
        int[] classOf = new int[distinct.size()];
        for (int i = 0; i < classOf.length; i++) {
            classOf[i] = names == null ? (int) Double.parseDouble(distinct.get(i)) : names.indexOf(distinct.get(i));
        }
        Labels labels = new Labels();
        for (int row = 0; row < provisional.count(); row++) {
            labels.add(classOf[provisional.get(row)]);
        }
        return labels;
    }

    /** Whether a cell is a class number: a whole number from 0, written as {@code 3} or {@code 3.0}. */
    private static boolean isClassNumber(String cell) {
        try {
            double value = Double.parseDouble(cell);
            return value >= 0 && value == Math.rint(value) && value < Labels.MAX_CLASSES;
        } catch (NumberFormatException name) {
            return false;
        }
    }
}
