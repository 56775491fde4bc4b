package io.backprop.bench;

import io.backprop.engine.Activation;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.Network;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A float32 network as an ONNX model (opset 17): input {@code input} [N, inputs], per layer a
 * {@code Gemm} (transB = 1, initialisers named by the state-dict keys) and its activation node,
 * output {@code output}. Written straight in protobuf's wire format, field numbers from onnx.proto.
 */
final class OnnxModel {

    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;

    private OnnxModel() {
    }

    static byte[] of(Network network) {
        Message graph = new Message();
        String previous = "input";
        for (int l = 0; l < network.layers().size(); l++) {
            DenseLayer layer = network.layers().get(l);
            String weight = 2 * l + ".weight";
            String bias = 2 * l + ".bias";
            graph.message(5, tensor(weight, new long[] {layer.units(), layer.fanIn()}, layer.weights().dup('c').data().asFloat()));
            graph.message(5, tensor(bias, new long[] {layer.units()}, layer.biases().dup('c').data().asFloat()));
            boolean last = l == network.layers().size() - 1;
            String z = "z" + l;
            String a = last ? "output" : "a" + l;
            Activation activation = layer.activation();
            String gemmOut = activation == Activation.IDENTITY ? a : z;
            graph.message(1, node("Gemm" + l, "Gemm", new String[] {previous, weight, bias}, gemmOut, intAttribute("transB", 1)));
            switch (activation) {
                case IDENTITY -> { }
                case RELU -> graph.message(1, node("Relu" + l, "Relu", new String[] {z}, a, null));
                case SOFTMAX -> graph.message(1, node("Softmax" + l, "Softmax", new String[] {z}, a, intAttribute("axis", -1)));
                case SIGMOID -> graph.message(1, node("Sigmoid" + l, "Sigmoid", new String[] {z}, a, null));
                case TANH -> graph.message(1, node("Tanh" + l, "Tanh", new String[] {z}, a, null));
                default -> throw new IllegalArgumentException("no ONNX node for " + activation + " here");
            }
            previous = a;
        }
        graph.string(2, "mlp");
        graph.message(11, valueInfo("input", network.inputs()));
        graph.message(12, valueInfo("output", network.outputs()));
        Message opset = new Message().string(1, "").varint(2, 17);
        return new Message().varint(1, 8).string(2, "backprop-bench").message(7, graph).message(8, opset).bytes();
    }

    private static Message tensor(String name, long[] dims, float[] values) {
        Message tensor = new Message();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        return tensor.varint(2, FLOAT).string(8, name).raw(9, raw.array());
    }

    private static Message node(String name, String op, String[] inputs, String output, Message attribute) {
        Message node = new Message();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, name).string(4, op);
        return attribute == null ? node : node.message(5, attribute);
    }

    private static Message intAttribute(String name, long value) {
        return new Message().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    /** {name, [N (dynamic), width] float tensor}. */
    private static Message valueInfo(String name, int width) {
        Message shape = new Message().message(1, new Message().string(2, "N")).message(1, new Message().varint(1, width));
        Message tensorType = new Message().varint(1, FLOAT).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /** A protobuf message being written: varint, length-delimited string, bytes and sub-message fields. */
    private static final class Message {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        Message string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return raw(field, value.bytes());
        }

        Message raw(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
