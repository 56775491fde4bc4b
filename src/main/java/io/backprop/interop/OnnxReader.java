package io.backprop.interop;

import io.backprop.engine.Activation;
import io.backprop.engine.kernels.ElementWise;
import io.backprop.engine.Precision;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import io.backprop.state.Tensor;
import io.backprop.web.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.CodedInputStream;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;
import org.springframework.http.HttpStatus;

/**
 * Reads an ONNX model made of dense layers in a chain, as {@code torch.onnx.export} writes an
 * {@code nn.Sequential} MLP: per layer a {@code Gemm} (or {@code MatMul}, then {@code Add} of
 * the bias), then at most one activation ({@code Sigmoid}, {@code Tanh}, {@code Relu},
 * {@code LeakyRelu} alpha 0.01 or {@code Max(z, 0.01·z)}, {@code Softmax} over the last axis);
 * {@code Identity} nodes pass through. The first node it cannot take is named in a 422.
 */
final class OnnxReader {

    private static final String FIELD = "file";
    private static final String SUPPORTED = "the service imports a chain of Gemm (or MatMul + Add) layers, each followed by "
            + "at most one of Sigmoid, Tanh, Relu, LeakyRelu (alpha 0.01) and Softmax (last axis)";

    private final Precision dtype;
    private final Map<String, TensorProto> constants;
    private final int opset;
    private final List<Layer> layers = new ArrayList<>();
    private String current;
    private String beforeScale;
    private long valuesLeft;

    private OnnxReader(Precision dtype, Map<String, TensorProto> constants, int opset, String input, long maxValues) {
        this.dtype = dtype;
        this.constants = constants;
        this.opset = opset;
        this.current = input;
        this.valuesLeft = maxValues;
    }

    /**
     * Parses and reads a model; 413 over {@code maxBytes}, 400 for a damaged file, 422 for what it
     * cannot take or for weights of more than {@code maxValues} values (checked before they are decoded).
     */
    static ModelLayers read(byte[] file, long maxBytes, long maxValues) {
        if (file.length > maxBytes) {
            throw ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, FIELD, "The ONNX model is " + file.length
                    + " bytes, more than " + maxBytes + " (backprop.interop.max-onnx-bytes).");
        }
        ModelProto model = parse(file, maxBytes);
        if (!model.hasGraph()) {
            throw ModelFileException.damaged(FIELD, "is not an ONNX model: it has no graph");
        }
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> constants = new HashMap<>();
        graph.getInitializerList().forEach(initializer -> constants.put(initializer.getName(), initializer));
        List<ValueInfoProto> inputs = graph.getInputList().stream().filter(in -> !constants.containsKey(in.getName())).toList();
        if (inputs.size() != 1 || graph.getOutputCount() != 1) {
            throw ModelFileException.unsupported(FIELD, "has a graph of " + inputs.size() + " inputs and " + graph.getOutputCount()
                    + " outputs; " + SUPPORTED + ", from one input to one output");
        }
        ValueInfoProto input = inputs.get(0);
        Precision dtype = dtype(input);
        OnnxReader reader = new OnnxReader(dtype, constants, opset(model), input.getName(), maxValues);
        for (int n = 0; n < graph.getNodeCount(); n++) {
            reader.take(n, graph.getNode(n));
        }
        if (!reader.current.equals(graph.getOutput(0).getName()) || reader.beforeScale != null) {
            throw ModelFileException.unsupported(FIELD, "has its output \"" + graph.getOutput(0).getName()
                    + "\" elsewhere than at the end of the chain of nodes; " + SUPPORTED);
        }
        if (reader.layers.isEmpty()) {
            throw ModelFileException.unsupported(FIELD, "has no Gemm or MatMul node; " + SUPPORTED);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        return reader.result(width(input, 1), width(graph.getOutput(0), 1), metadata);
    }

    private static ModelProto parse(byte[] file, long maxBytes) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(file);
            in.setSizeLimit((int) Math.min(maxBytes, Integer.MAX_VALUE));
            return ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw ModelFileException.damaged(FIELD, "is not a readable ONNX model (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw ModelFileException.damaged(FIELD, "could not be read (" + e.getMessage() + ")");
        }
    }

    private static int opset(ModelProto model) {
        return model.getOpsetImportList().stream()
                .filter(set -> set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx"))
                .mapToInt(set -> (int) set.getVersion()).findFirst()
                .orElseThrow(() -> ModelFileException.damaged(FIELD, "declares no opset of the default ONNX domain"));
    }

    private static Precision dtype(ValueInfoProto input) {
        int elemType = input.getType().getTensorType().getElemType();
        if (!input.getType().hasTensorType() || elemType != TensorProto.DataType.FLOAT_VALUE
                && elemType != TensorProto.DataType.DOUBLE_VALUE) {
            throw ModelFileException.unsupported(FIELD, "has input \"" + input.getName() + "\" of type "
                    + (input.getType().hasTensorType() ? OnnxTensors.typeName(elemType) : "other than a tensor")
                    + "; the service imports FLOAT and DOUBLE models");
        }
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        if (input.getType().getTensorType().hasShape() && shape.getDimCount() != 2) {
            throw ModelFileException.unsupported(FIELD, "has input \"" + input.getName() + "\" of " + shape.getDimCount()
                    + " dimensions; the service imports models of a [N, inputs] input");
        }
        return elemType == TensorProto.DataType.FLOAT_VALUE ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /** Dimension {@code d} of a value's declared shape, or -1 when not declared as a number. */
    private static long width(ValueInfoProto value, int d) {
        TensorShapeProto shape = value.getType().getTensorType().getShape();
        return shape.getDimCount() > d && shape.getDim(d).hasDimValue() ? shape.getDim(d).getDimValue() : -1;
    }

    /** A layer as the chain builds it. */
    private static final class Layer {
        Tensor weights;
        Tensor biases;
        Activation activation;
        boolean awaitsBias;
    }

    private void take(int n, NodeProto node) {
        String op = node.getOpType();
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            throw unsupported(n, node, "is of domain \"" + node.getDomain() + "\"");
        }
        if (op.equals("Constant")) {
            constant(n, node);
            return;
        }
        if (node.getOutputCount() != 1) {
            throw unsupported(n, node, "has " + node.getOutputCount() + " outputs");
        }
        if (beforeScale != null && !op.equals("Max")) {
            throw unsupported(n, node, "follows a Mul that is not the 0.01·z of Max(z, 0.01·z)");
        }
        switch (op) {
            case "Gemm" -> gemm(n, node);
            case "MatMul" -> matMul(n, node);
            case "Add" -> add(n, node);
            case "Identity" -> requireChained(n, node, 0);
            case "Sigmoid" -> activation(n, node, Activation.SIGMOID);
            case "Tanh" -> activation(n, node, Activation.TANH);
            case "Relu" -> activation(n, node, Activation.RELU);
            case "LeakyRelu" -> leakyRelu(n, node);
            case "Softmax" -> softmax(n, node);
            case "Mul" -> scale(n, node);
            case "Max" -> max(n, node);
            default -> throw unsupported(n, node, "is not supported");
        }
        current = node.getOutput(0);
    }

    private void constant(int n, NodeProto node) {
        Optional<AttributeProto> value = attribute(node, "value");
        if (node.getOutputCount() != 1 || value.isEmpty() || value.get().getType() != AttributeProto.AttributeType.TENSOR) {
            throw unsupported(n, node, "is a Constant without a tensor value");
        }
        constants.put(node.getOutput(0), value.get().getT());
    }

    private void gemm(int n, NodeProto node) {
        requireChained(n, node, 0);
        if (node.getInputCount() < 2 || node.getInputCount() > 3) {
            throw unsupported(n, node, "has " + node.getInputCount() + " inputs");
        }
        boolean withBias = node.getInputCount() == 3 && !node.getInput(2).isEmpty();
        if (floatAttribute(node, "alpha", 1f) != 1f || withBias && floatAttribute(node, "beta", 1f) != 1f
                || intAttribute(node, "transA", 0) != 0) {
            throw unsupported(n, node, "scales or transposes its operands (alpha, beta and transA other than 1, 1 and 0)");
        }
        Tensor b = matrix(n, node, 1);
        Layer layer = open();
        layer.weights = intAttribute(node, "transB", 0) == 1 ? b : TensorShapes.transpose(b);
        if (withBias) {
            layer.biases = bias(n, node, 2, layer.weights.shape()[0]);
        }
    }

    private void matMul(int n, NodeProto node) {
        requireChained(n, node, 0);
        if (node.getInputCount() != 2) {
            throw unsupported(n, node, "has " + node.getInputCount() + " inputs");
        }
        Layer layer = open();
        layer.weights = TensorShapes.transpose(matrix(n, node, 1));
        layer.awaitsBias = true;
    }

    private void add(int n, NodeProto node) {
        Layer layer = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (layer == null || !layer.awaitsBias || node.getInputCount() != 2) {
            throw unsupported(n, node, "is an Add that does not add a bias right after a MatMul");
        }
        int other = node.getInput(0).equals(current) ? 1 : 0;
        requireChained(n, node, 1 - other);
        layer.biases = bias(n, node, other, layer.weights.shape()[0]);
        layer.awaitsBias = false;
    }

    private void leakyRelu(int n, NodeProto node) {
        float alpha = floatAttribute(node, "alpha", 0.01f);
        if (alpha != (float) ElementWise.LEAKY_SLOPE) {
            throw unsupported(n, node, "has alpha " + alpha + "; the service's leaky_relu has slope 0.01");
        }
        activation(n, node, Activation.LEAKY_RELU);
    }

    private void softmax(int n, NodeProto node) {
        long axis = intAttribute(node, "axis", opset < 13 ? 1 : -1);
        if (axis != -1 && axis != 1) {
            throw unsupported(n, node, "normalises over axis " + axis + ", not over each row (axis -1)");
        }
        activation(n, node, Activation.SOFTMAX);
    }

    /** The 0.01·z of a leaky ReLU written as Max(z, 0.01·z). */
    private void scale(int n, NodeProto node) {
        if (node.getInputCount() != 2) {
            throw unsupported(n, node, "has " + node.getInputCount() + " inputs");
        }
        int other = node.getInput(0).equals(current) ? 1 : 0;
        requireChained(n, node, 1 - other);
        TensorProto factor = constants.get(node.getInput(other));
        Tensor slope = factor == null ? null : OnnxTensors.decode(factor, dtype, "constant \"" + node.getInput(other) + "\"");
        if (slope == null || slope.size() != 1 || slope.value(0) != castToDtype(ElementWise.LEAKY_SLOPE)) {
            throw unsupported(n, node, "is a Mul other than the 0.01·z of a leaky ReLU written as Max(z, 0.01·z)");
        }
        beforeScale = current;
        requireActivationFree(n, node);
    }

    private void max(int n, NodeProto node) {
        boolean leaky = beforeScale != null && node.getInputCount() == 2
                && (node.getInput(0).equals(beforeScale) && node.getInput(1).equals(current)
                || node.getInput(1).equals(beforeScale) && node.getInput(0).equals(current));
        if (!leaky) {
            throw unsupported(n, node, "is a Max other than the Max(z, 0.01·z) of a leaky ReLU");
        }
        beforeScale = null;
        close(n, node, Activation.LEAKY_RELU);
    }

    private void activation(int n, NodeProto node, Activation activation) {
        requireChained(n, node, 0);
        close(n, node, activation);
    }

    /** Gives the layer being built its activation, which ends it. */
    private void close(int n, NodeProto node, Activation activation) {
        requireActivationFree(n, node);
        Layer layer = layers.get(layers.size() - 1);
        layer.activation = activation;
        layer.awaitsBias = false;
    }

    private void requireActivationFree(int n, NodeProto node) {
        if (layers.isEmpty() || layers.get(layers.size() - 1).activation != null) {
            throw unsupported(n, node, layers.isEmpty() ? "comes before the first Gemm or MatMul"
                    : "follows another activation; a layer has one");
        }
    }

    private Layer open() {
        Layer layer = new Layer();
        layers.add(layer);
        return layer;
    }

    private void requireChained(int n, NodeProto node, int input) {
        if (node.getInputCount() <= input || !node.getInput(input).equals(current)) {
            throw unsupported(n, node, "does not take the previous node's output \"" + current + "\"");
        }
    }

    private Tensor matrix(int n, NodeProto node, int input) {
        Tensor tensor = constant(n, node, input);
        if (tensor.shape().length != 2) {
            throw unsupported(n, node, "multiplies by \"" + node.getInput(input) + "\" of " + tensor.shape().length
                    + " dimensions, not a weight matrix");
        }
        return tensor;
    }

    private Tensor bias(int n, NodeProto node, int input, int units) {
        Tensor tensor = constant(n, node, input);
        int[] shape = tensor.shape();
        boolean vector = shape.length == 1 || shape.length == 2 && shape[0] == 1;
        if (!vector) {
            throw unsupported(n, node, "adds \"" + node.getInput(input) + "\" of shape " + Arrays.toString(shape)
                    + ", not a bias vector");
        }
        if (shape[shape.length - 1] != units) {
            throw ModelFileException.damaged(FIELD, "has bias \"" + node.getInput(input) + "\" of " + shape[shape.length - 1]
                    + " values for a layer of " + units + " units (node " + n + ", " + node.getOpType() + ")");
        }
        return TensorShapes.row(tensor);
    }

    private Tensor constant(int n, NodeProto node, int input) {
        TensorProto proto = constants.get(node.getInput(input));
        if (proto == null) {
            throw unsupported(n, node, "takes \"" + node.getInput(input) + "\", which is neither an initializer nor a Constant");
        }
        valuesLeft -= proto.getDimsList().stream().reduce(1L, (a, b) -> a * Math.max(b, 0));
        if (valuesLeft < 0) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, FIELD, "The model has more weights than a network may hold "
                    + "(backprop.limits.max-parameters-per-network).");
        }
        return OnnxTensors.decode(proto, dtype, "initializer \"" + node.getInput(input) + "\"");
    }

    private double castToDtype(double value) {
        return dtype == Precision.FLOAT32 ? (float) value : value;
    }

    private ModelLayers result(long declaredInputs, long declaredOutputs, Map<String, String> metadata) {
        List<LayerShape> shapes = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        int inputs = layers.get(0).weights.shape()[1];
        long fanIn = declaredInputs < 0 ? inputs : declaredInputs;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int units = layer.weights.shape()[0];
            if (layer.weights.shape()[1] != fanIn) {
                throw ModelFileException.damaged(FIELD, "has layer " + l + " of weights " + units + " × " + layer.weights.shape()[1]
                        + ", but its input has " + fanIn + " values: the shapes do not chain");
            }
            Activation activation = layer.activation == null ? Activation.IDENTITY : layer.activation;
            shapes.add(new LayerShape(units, activation, layer.biases != null));
            tensors.add(new LayerTensors(layer.weights, layer.biases));
            fanIn = units;
        }
        if (declaredOutputs >= 0 && declaredOutputs != fanIn) {
            throw ModelFileException.damaged(FIELD, "declares an output of " + declaredOutputs + " values, but its last layer has "
                    + fanIn + " units");
        }
        return new ModelLayers(inputs, dtype, shapes, tensors, metadata);
    }

    private static Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(attribute -> attribute.getName().equals(name)).findFirst();
    }

    private static float floatAttribute(NodeProto node, String name, float otherwise) {
        return attribute(node, name).map(AttributeProto::getF).orElse(otherwise);
    }

    private static long intAttribute(NodeProto node, String name, long otherwise) {
        return attribute(node, name).map(AttributeProto::getI).orElse(otherwise);
    }

    private static ModelFileException unsupported(int n, NodeProto node, String problem) {
        String name = node.getName().isEmpty() ? "" : " \"" + node.getName() + "\"";
        return ModelFileException.unsupported(FIELD, "has node " + n + " (" + node.getOpType() + name + "), which " + problem
                + "; " + SUPPORTED);
    }
}
