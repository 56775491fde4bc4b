package io.backprop.network;

import io.backprop.web.FieldProblem;
import java.util.List;

/** Checks explicit layer parameters against the layer's shape: W [units][fanIn], b [units] only with a bias, all finite. */
final class ParameterShapes {

    private ParameterShapes() {
    }

    static void check(String path, double[][] weights, double[] biases, int units, int fanIn, boolean bias,
                      List<FieldProblem> problems) {
        if (weights != null) {
            if (weights.length != units) {
                problems.add(new FieldProblem(path + ".weights", "has " + rows(weights.length) + ", expected " + units + " (units)"));
            }
            for (int j = 0; j < weights.length; j++) {
                String row = path + ".weights[" + j + "]";
                if (weights[j] == null || weights[j].length != fanIn) {
                    problems.add(new FieldProblem(row, "has " + values(weights[j] == null ? 0 : weights[j].length)
                            + ", expected " + fanIn + " (the layer's fan-in: the size of its input)"));
                } else {
                    checkFinite(row, weights[j], problems);
                }
            }
        }
        if (biases != null && !bias) {
            problems.add(new FieldProblem(path + ".biases", "is given but the layer has bias: false; remove biases or set bias to true"));
        } else if (biases != null) {
            if (biases.length != units) {
                problems.add(new FieldProblem(path + ".biases", "has " + values(biases.length) + ", expected " + units + " (units)"));
            }
            checkFinite(path + ".biases", biases, problems);
        }
    }

    /** "1 value", "3 values". */
    static String values(int count) {
        return count + (count == 1 ? " value" : " values");
    }

    static String rows(int count) {
        return count + (count == 1 ? " row" : " rows");
    }

    private static void checkFinite(String path, double[] values, List<FieldProblem> problems) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                problems.add(new FieldProblem(path + "[" + i + "]", "must be a finite number, not " + values[i]));
            }
        }
    }
}
