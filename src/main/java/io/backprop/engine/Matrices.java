package io.backprop.engine;

import io.backprop.engine.kernels.Elements;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between Java arrays and ND4J matrices of a given precision. */
public final class Matrices {

    private Matrices() {
    }

    /** A [rows.length, rows[0].length] matrix in c order; rows must be rectangular. */
    public static INDArray fromRows(double[][] rows, Precision precision) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        INDArray matrix = Nd4j.createUninitialized(precision.dataType(), rows.length, columns);
        return matrix.isEmpty() ? matrix : write(rows, matrix);
    }

    /** Writes rectangular rows into a c-order matrix of their shape [rows.length, rows[0].length]; returns it. */
    public static INDArray write(double[][] rows, INDArray matrix) {
        if (rows.length != matrix.rows() || (rows.length > 0 && rows[0].length != matrix.columns())) {
            throw new IllegalArgumentException("rows of " + rows.length + " × " + (rows.length == 0 ? 0 : rows[0].length)
                    + " do not fit a matrix of " + java.util.Arrays.toString(matrix.shape()));
        }
        Elements elements = new Elements(matrix);                 // written in place: no staging copy
        int columns = (int) matrix.columns();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns; j++) {
                elements.set(i, j, rows[i][j]);
            }
        }
        return matrix;
    }

    /** A [1, values.length] row vector. */
    public static INDArray rowVector(double[] values, Precision precision) {
        return fromRows(new double[][] {values}, precision);
    }

    /** The rows of a matrix [rows, columns] as Java arrays. */
    public static double[][] toRows(INDArray matrix) {
        if (matrix.rank() != 2 || !Elements.holdsReals(matrix.dataType())) {
            return matrix.toDoubleMatrix();
        }
        Elements elements = new Elements(matrix);                 // read in place: no copy through ND4J
        int columns = (int) matrix.columns();
        double[][] rows = new double[(int) matrix.rows()][columns];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns; j++) {
                rows[i][j] = elements.get(i, j);
            }
        }
        return rows;
    }

    public static double[] toVector(INDArray vector) {
        return vector.toDoubleVector();
    }
}
