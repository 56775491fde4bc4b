package io.backprop.interop;

import io.backprop.engine.Precision;
import io.backprop.state.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx.TensorProto;

/** ONNX initialisers as tensors: data in {@code raw_data} (little-endian) or in the typed {@code float_data}/{@code double_data}. */
final class OnnxTensors {

    private static final String FIELD = "file";

    private OnnxTensors() {
    }

    /** The tensor {@code proto} holds, which must be of the graph's {@code dtype}; {@code what} names it in problems. */
    static Tensor decode(TensorProto proto, Precision dtype, String what) {
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw ModelFileException.unsupported(FIELD, "has " + what + " stored in an external file; export the model with "
                    + "its weights inside it");
        }
        if (proto.getDataType() != OnnxWriter.elemType(dtype)) {
            throw ModelFileException.unsupported(FIELD, "has " + what + " of type " + typeName(proto.getDataType())
                    + ", but the graph computes in " + typeName(OnnxWriter.elemType(dtype)) + "; the service imports FLOAT or DOUBLE "
                    + "models whose tensors all share the input's type");
        }
        int[] shape = new int[proto.getDimsCount()];
        long count = 1;
        for (int d = 0; d < shape.length; d++) {
            long dim = proto.getDims(d);
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw ModelFileException.damaged(FIELD, "has " + what + " whose dimension " + d + " is " + dim);
            }
            shape[d] = (int) dim;
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw ModelFileException.damaged(FIELD, "has " + what + " of shape " + proto.getDimsList() + ", more values than a "
                        + "tensor can hold");
            }
        }
        int n = (int) count;
        double[] values = new double[n];
        int size = dtype == Precision.FLOAT32 ? 4 : 8;
        if (!proto.getRawData().isEmpty()) {
            if (proto.getRawData().size() != (long) n * size) {
                throw ModelFileException.damaged(FIELD, "has " + what + " of shape " + proto.getDimsList() + " (" + (long) n * size
                        + " bytes) with " + proto.getRawData().size() + " bytes of raw_data");
            }
            ByteBuffer bytes = proto.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                values[i] = dtype == Precision.FLOAT32 ? bytes.getFloat() : bytes.getDouble();
            }
        } else {
            int given = dtype == Precision.FLOAT32 ? proto.getFloatDataCount() : proto.getDoubleDataCount();
            if (given != n) {
                throw ModelFileException.damaged(FIELD, "has " + what + " of shape " + proto.getDimsList() + " (" + n + " values) with "
                        + given + " values in " + (dtype == Precision.FLOAT32 ? "float_data" : "double_data"));
            }
            for (int i = 0; i < n; i++) {
                values[i] = dtype == Precision.FLOAT32 ? proto.getFloatData(i) : proto.getDoubleData(i);
            }
        }
        return new Tensor(dtype, shape, values);
    }

    static String typeName(int dataType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(dataType);
        return type == null ? "#" + dataType : type.name();
    }
}
