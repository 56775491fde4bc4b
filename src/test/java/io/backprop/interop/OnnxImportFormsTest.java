package io.backprop.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.engine.Activation;
import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.Tensor;
import io.backprop.web.ProblemException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.AttributeProto.AttributeType;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.protobuf.ByteString;
import org.springframework.http.HttpStatus;

/** The ONNX forms torch.onnx.export writes import; what the service cannot take is named in a 422, damage in a 400. */
class OnnxImportFormsTest {

    private static final long LIMIT = 1 << 20;
    private final SplittableRandom random = new SplittableRandom(21);
    private final Tensor w0 = Models.tensor(random, Precision.FLOAT32, 4, 3);
    private final Tensor b0 = Models.tensor(random, Precision.FLOAT32, 4);
    private final Tensor w1 = Models.tensor(random, Precision.FLOAT32, 2, 4);

    /** x → MatMul(x, W0ᵀ) → Add(b0, ·) → Relu → Gemm(·, W1ᵀ, transB 0) → y; W0ᵀ in float_data, the rest in raw_data. */
    private ModelProto.Builder matMulAddModel() {
        GraphProto graph = GraphProto.newBuilder().setName("torch_jit")
                .addInput(value("x", 3)).addOutput(value("y", 2))
                .addInitializer(typed("onnx::MatMul_7", TensorShapes.transpose(w0)))
                .addInitializer(raw("0.bias", b0))
                .addInitializer(raw("onnx::Gemm_8", TensorShapes.transpose(w1)))
                .addNode(node("MatMul", "/0/MatMul", List.of("x", "onnx::MatMul_7"), "/0/MatMul_output_0"))
                .addNode(node("Add", "/0/Add", List.of("0.bias", "/0/MatMul_output_0"), "/0/Add_output_0"))
                .addNode(node("Relu", "/1/Relu", List.of("/0/Add_output_0"), "/1/Relu_output_0"))
                .addNode(node("Gemm", "/2/Gemm", List.of("/1/Relu_output_0", "onnx::Gemm_8"), "y").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeType.INT).setI(0)).build())
                .build();
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph);
    }

    @Test
    void matMulAddChainImportsAsDenseLayers() {
        ModelLayers read = OnnxReader.read(matMulAddModel().build().toByteArray(), LIMIT, LIMIT);

        assertThat(read.inputs()).isEqualTo(3);
        assertThat(read.dtype()).isEqualTo(Precision.FLOAT32);
        assertThat(read.shapes()).containsExactly(new LayerShape(4, Activation.RELU, true), new LayerShape(2, Activation.IDENTITY, false));
        assertThat(read.tensors()).containsExactly(new LayerTensors(w0, TensorShapes.row(b0)), new LayerTensors(w1, null));
    }

    @Test
    void matMulAddChainPredictsAsOnnxRuntimeRunsIt() throws Exception {
        byte[] onnx = matMulAddModel().build().toByteArray();
        ModelLayers read = OnnxReader.read(onnx, LIMIT, LIMIT);
        double[][] inputs = Models.rows(8, 5, 3);
        Models imported = new Models(new NetworkSpec(null, read.inputs(), read.shapes(), Loss.MSE, read.dtype()), read.tensors());

        byte[] renamed = matMulAddModel().setGraph(matMulAddModel().getGraph().toBuilder()
                .setInput(0, value("input", 3))
                .setNode(0, node("MatMul", "/0/MatMul", List.of("input", "onnx::MatMul_7"), "/0/MatMul_output_0"))
                .setOutput(0, value("output", 2))
                .setNode(3, node("Gemm", "/2/Gemm", List.of("/1/Relu_output_0", "onnx::Gemm_8"), "output").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeType.INT).setI(0)).build()))
                .build().toByteArray();
        OnnxRoundTripTest.assertClose(imported.network().predict(inputs), OnnxRoundTripTest.run(renamed, inputs, Precision.FLOAT32), 1e-5);
    }

    @Test
    void torchOnnxExportOfSequentialImportsAndPredictsAsTorch() throws IOException {
        byte[] onnx;
        JsonNode expected;
        try (InputStream model = getClass().getResourceAsStream("/interop/torch-sequential.onnx");
             InputStream outputs = getClass().getResourceAsStream("/interop/torch-sequential.json")) {
            onnx = model.readAllBytes();
            expected = new ObjectMapper().readTree(outputs);
        }

        ModelLayers read = OnnxReader.read(onnx, LIMIT, LIMIT);

        assertThat(read.shapes()).containsExactly(new LayerShape(4, Activation.RELU, true), new LayerShape(2, Activation.TANH, false),
                new LayerShape(2, Activation.SOFTMAX, true));
        Models imported = new Models(new NetworkSpec(null, read.inputs(), read.shapes(), Loss.CROSS_ENTROPY, read.dtype()), read.tensors());
        ObjectMapper mapper = new ObjectMapper();
        double[][] inputs = mapper.convertValue(expected.get("inputs"), double[][].class);
        OnnxRoundTripTest.assertClose(imported.network().predict(inputs), mapper.convertValue(expected.get("outputs"), double[][].class), 1e-6);
    }

    @Test
    void unknownNodeIsUnsupportedByIndexTypeAndName() {
        byte[] onnx = edit(graph -> graph.setNode(2, node("Elu", "/1/Elu", List.of("/0/Add_output_0"), "/1/Relu_output_0")));

        assertRejected(onnx, HttpStatus.UNPROCESSABLE_ENTITY, "has node 2 (Elu \"/1/Elu\"), which is not supported");
    }

    @Test
    void leakyReluOfAnotherSlopeIsUnsupported() {
        byte[] onnx = edit(graph -> graph.setNode(2, node("LeakyRelu", "/1/LeakyRelu", List.of("/0/Add_output_0"), "/1/Relu_output_0")
                .toBuilder().addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeType.FLOAT).setF(0.2f)).build()));

        assertRejected(onnx, HttpStatus.UNPROCESSABLE_ENTITY, "has alpha 0.2");
    }

    @Test
    void branchingGraphIsUnsupported() {
        byte[] onnx = edit(graph -> graph.setNode(2, node("Relu", "/1/Relu", List.of("/0/MatMul_output_0"), "/1/Relu_output_0")));

        assertRejected(onnx, HttpStatus.UNPROCESSABLE_ENTITY, "node 2 (Relu \"/1/Relu\"), which does not take the previous node's output");
    }

    @Test
    void softmaxOverTheBatchIsUnsupported() {
        byte[] onnx = edit(graph -> graph.setNode(2, node("Softmax", "/1/Softmax", List.of("/0/Add_output_0"), "/1/Relu_output_0")
                .toBuilder().addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeType.INT).setI(0)).build()));

        assertRejected(onnx, HttpStatus.UNPROCESSABLE_ENTITY, "normalises over axis 0");
    }

    @Test
    void initializerOfAnotherTypeIsUnsupported() {
        byte[] onnx = edit(graph -> graph.setInitializer(1, graph.getInitializer(1).toBuilder().setDataType(TensorProto.DataType.FLOAT16_VALUE)));

        assertRejected(onnx, HttpStatus.UNPROCESSABLE_ENTITY, "initializer \"0.bias\" of type FLOAT16");
    }

    @Test
    void truncatedModelIsDamaged() {
        byte[] onnx = matMulAddModel().build().toByteArray();

        assertRejected(Arrays.copyOf(onnx, onnx.length - 7), HttpStatus.BAD_REQUEST, "is not a readable ONNX model");
    }

    @Test
    void shapesThatDoNotChainAreDamaged() {
        Tensor wide = Models.tensor(random, Precision.FLOAT32, 2, 5);
        byte[] onnx = edit(graph -> graph.setInitializer(2, raw("onnx::Gemm_8", TensorShapes.transpose(wide))));

        assertRejected(onnx, HttpStatus.BAD_REQUEST, "the shapes do not chain");
    }

    @Test
    void rawDataOfTheWrongLengthIsDamaged() {
        byte[] onnx = edit(graph -> graph.setInitializer(1, graph.getInitializer(1).toBuilder()
                .setRawData(graph.getInitializer(1).getRawData().substring(4))));

        assertRejected(onnx, HttpStatus.BAD_REQUEST, "with 12 bytes of raw_data");
    }

    @Test
    void modelOverTheLimitIsRefusedBeforeItIsParsed() {
        byte[] onnx = matMulAddModel().build().toByteArray();

        assertThatThrownBy(() -> OnnxReader.read(onnx, 100, LIMIT)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
    }

    @Test
    void moreWeightsThanANetworkMayHoldAreRefusedBeforeTheyAreDecoded() {
        byte[] onnx = matMulAddModel().build().toByteArray();

        assertThatThrownBy(() -> OnnxReader.read(onnx, LIMIT, 15)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(problem.getMessage()).contains("max-parameters-per-network");
        });
    }

    private byte[] edit(UnaryOperator<GraphProto.Builder> change) {
        ModelProto.Builder model = matMulAddModel();
        return model.setGraph(change.apply(model.getGraph().toBuilder())).build().toByteArray();
    }

    private static void assertRejected(byte[] onnx, HttpStatus status, String detail) {
        assertThatThrownBy(() -> OnnxReader.read(onnx, LIMIT, LIMIT)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(status);
            assertThat(problem.getMessage()).contains(detail);
        });
    }

    static NodeProto node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output).build();
    }

    static ValueInfoProto value(String name, int width) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))))).build();
    }

    static TensorProto raw(String name, Tensor tensor) {
        ByteBuffer bytes = ByteBuffer.allocate(tensor.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.stream(tensor.values()).forEach(v -> bytes.putFloat((float) v));
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(Arrays.stream(tensor.shape()).mapToObj(Long::valueOf).toList())
                .setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    static TensorProto typed(String name, Tensor tensor) {
        TensorProto.Builder proto = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(Arrays.stream(tensor.shape()).mapToObj(Long::valueOf).toList());
        Arrays.stream(tensor.values()).forEach(v -> proto.addFloatData((float) v));
        return proto.build();
    }
}
