package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between Java arrays and ND4J matrices of a given precision. */
public final class Matrices {

    private Matrices() {
    }

    /** A [rows.length, rows[0].length] matrix in c order; rows must be rectangular. */
    public static INDArray fromRows(double[][] rows, Precision precision) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        long[] shape = {rows.length, columns};
        if (precision == Precision.FLOAT64) {
            double[] flat = new double[rows.length * columns];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * columns, columns);
            }
            return Nd4j.create(flat, shape, 'c');
        }
        float[] flat = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns; j++) {
                flat[i * columns + j] = (float) rows[i][j];
            }
        }
        return Nd4j.create(flat, shape, 'c');
    }

    /** A [1, values.length] row vector. */
    public static INDArray rowVector(double[] values, Precision precision) {
        return fromRows(new double[][] {values}, precision);
    }

    /** The rows of a matrix [rows, columns] as Java arrays. */
    public static double[][] toRows(INDArray matrix) {
        if (!Elements.reachable(matrix)) {
            return matrix.toDoubleMatrix();
        }
        Elements elements = new Elements(matrix);                 // read in place: no copy through ND4J
        int columns = (int) matrix.columns();
        double[][] rows = new double[(int) matrix.rows()][columns];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns; j++) {
                rows[i][j] = elements.get((long) i * columns + j);
            }
        }
        return rows;
    }

    public static double[] toVector(INDArray vector) {
        return vector.toDoubleVector();
    }
}
