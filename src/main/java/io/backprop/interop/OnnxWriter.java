package io.backprop.interop;

import io.backprop.engine.Activation;
import io.backprop.engine.kernels.ElementWise;
import io.backprop.engine.Precision;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.Tensor;
import java.util.List;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.AttributeProto.AttributeType;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.UnsafeByteOperations;

/**
 * A network as an ONNX model: input {@code input} [N, inputs], output {@code output} [N, units],
 * per layer a {@code Gemm} (transB = 1, initialisers named by the state-dict keys) and its
 * activation node, as {@code torch.onnx.export} writes an {@code nn.Sequential} MLP.
 *
 * <p>LeakyRelu's {@code alpha} is a float attribute, so a float64 network's slope 0.01 would reach
 * ONNX Runtime rounded to float; there the activation is written exactly as {@code Max(z, 0.01·z)}.
 */
final class OnnxWriter {

    /** The default-domain opset: the lowest at which ONNX Runtime runs every node here in float and double. */
    static final int OPSET = 17;
    static final long IR_VERSION = 8;
    static final String PRODUCER = "backprop-service";

    private OnnxWriter() {
    }

    static byte[] write(String graphName, NetworkSpec spec, List<LayerTensors> layers, Map<String, String> metadata) {
        int elemType = elemType(spec.dtype());
        GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName)
                .addInput(valueInfo("input", elemType, spec.inputs()))
                .addOutput(valueInfo("output", elemType, spec.layers().get(spec.layers().size() - 1).units()));
        String a = "input";
        for (int l = 0; l < layers.size(); l++) {
            LayerShape shape = spec.layers().get(l);
            LayerTensors tensors = layers.get(l);
            boolean last = l == layers.size() - 1;
            String module = Integer.toString(2 * l);
            String activation = Integer.toString(2 * l + 1);
            String z = last && shape.activation() == Activation.IDENTITY ? "output" : "/" + module + "/Gemm_output_0";
            NodeProto.Builder gemm = NodeProto.newBuilder().setName("/" + module + "/Gemm").setOpType("Gemm")
                    .addInput(a).addInput(module + ".weight").addOutput(z)
                    .addAttribute(floatAttribute("alpha", 1f)).addAttribute(floatAttribute("beta", 1f))
                    .addAttribute(intAttribute("transB", 1));
            graph.addInitializer(tensor(module + ".weight", tensors.weights()));
            if (tensors.biases() != null) {
                gemm.addInput(module + ".bias");
                graph.addInitializer(tensor(module + ".bias", TensorShapes.vector(tensors.biases())));
            }
            graph.addNode(gemm);
            a = shape.activation() == Activation.IDENTITY ? z : last ? "output" : "/" + activation + "/output_0";
            addActivation(graph, shape.activation(), spec.dtype(), "/" + activation + "/", z, a);
        }
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(PRODUCER)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(graph);
        metadata.forEach((key, value) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build().toByteArray();
    }

    private static void addActivation(GraphProto.Builder graph, Activation activation, Precision dtype, String prefix, String z, String a) {
        switch (activation) {
            case IDENTITY -> {
            }
            case SIGMOID -> graph.addNode(node(prefix, "Sigmoid", z, a));
            case TANH -> graph.addNode(node(prefix, "Tanh", z, a));
            case RELU -> graph.addNode(node(prefix, "Relu", z, a));
            case SOFTMAX -> graph.addNode(node(prefix, "Softmax", z, a).addAttribute(intAttribute("axis", -1)));
            case LEAKY_RELU -> {
                if (dtype == Precision.FLOAT32) {
                    graph.addNode(node(prefix, "LeakyRelu", z, a).addAttribute(floatAttribute("alpha", (float) ElementWise.LEAKY_SLOPE)));
                } else {
                    String slope = prefix + "Constant_output_0";
                    String scaled = prefix + "Mul_output_0";
                    graph.addNode(NodeProto.newBuilder().setName(prefix + "Constant").setOpType("Constant").addOutput(slope)
                            .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeType.TENSOR)
                                    .setT(tensor("", new Tensor(dtype, new int[0], new double[] {ElementWise.LEAKY_SLOPE})))));
                    graph.addNode(NodeProto.newBuilder().setName(prefix + "Mul").setOpType("Mul").addInput(z).addInput(slope).addOutput(scaled));
                    graph.addNode(NodeProto.newBuilder().setName(prefix + "Max").setOpType("Max").addInput(z).addInput(scaled).addOutput(a));
                }
            }
        }
    }

    static int elemType(Precision dtype) {
        return dtype == Precision.FLOAT32 ? TensorProto.DataType.FLOAT_VALUE : TensorProto.DataType.DOUBLE_VALUE;
    }

    private static NodeProto.Builder node(String prefix, String opType, String in, String out) {
        return NodeProto.newBuilder().setName(prefix + opType).setOpType(opType).addInput(in).addOutput(out);
    }

    private static ValueInfoProto valueInfo(String name, int elemType, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
                .build();
    }

    private static TensorProto tensor(String name, Tensor tensor) {
        TensorProto.Builder proto = TensorProto.newBuilder().setName(name).setDataType(elemType(tensor.dtype()))
                .setRawData(UnsafeByteOperations.unsafeWrap(tensor.littleEndian()));
        for (int dim : tensor.shape()) {
            proto.addDims(dim);
        }
        return proto.build();
    }

    private static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }
}
