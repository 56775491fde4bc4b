package io.backprop.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.config.Limits;
import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import io.backprop.network.NetworkSession;
import io.backprop.network.NetworkSessions;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.Counters;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.NetworkState;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Makes a new network of an imported file: everything is read and checked first (size limits before
 * parsing), then the network is held under a new id through the network feature, or nothing is.
 */
@Service
class ImportService {

    private final NetworkSessions sessions;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final Limits limits;
    private final InteropSettings settings;

    ImportService(NetworkSessions sessions, ObjectMapper objectMapper, Validator validator, Limits limits, InteropSettings settings) {
        this.sessions = sessions;
        this.objectMapper = objectMapper;
        this.validator = validator;
        this.limits = limits;
        this.settings = settings;
    }

    NetworkSession importJson(NetworkExport export) {
        return hold(JsonExports.read(export, limits));
    }

    NetworkSession importFile(ImportForm form) {
        if (form.file() == null || form.file().isEmpty()) {
            throw ProblemException.invalid("file", "is required: a .safetensors or .onnx file");
        }
        byte[] bytes;
        try {
            bytes = form.file().getBytes();
        } catch (IOException e) {
            throw ModelFileException.damaged("file", "could not be read (" + e.getMessage() + ")");
        }
        String filename = form.file().getOriginalFilename() == null ? "" : form.file().getOriginalFilename().toLowerCase(Locale.ROOT);
        NetworkState state;
        if (filename.endsWith(".json") || !filename.endsWith(".onnx") && !filename.endsWith(".safetensors") && looksLikeJson(bytes)) {
            requireNone(form, "a JSON export carries its own network and training state");
            state = JsonExports.read(parse(bytes, NetworkExport.class, "file"), limits);
        } else if (filename.endsWith(".safetensors") || !filename.endsWith(".onnx") && looksLikeSafetensors(bytes)) {
            state = fromSafetensors(bytes, form);
        } else {
            state = fromOnnx(bytes, form);
        }
        if (form.name() != null) {
            state = new NetworkState(renamed(state.spec(), form.name()), state.layers(), state.training(), state.counters());
        }
        return hold(state);
    }

    private NetworkState fromSafetensors(byte[] bytes, ImportForm form) {
        SafetensorsFile file = Safetensors.read(bytes, settings.maxSafetensorsHeader().toBytes(), limits.maxParametersPerNetwork());
        String metadata = file.metadata().get(ExportService.METADATA_KEY);
        if (form.network() == null && metadata == null) {
            throw ProblemException.invalid("network", "is required: the file has no __metadata__ \"" + ExportService.METADATA_KEY
                    + "\"; send the network as JSON {inputs, layers: [{units, activation, bias}], loss, dtype}");
        }
        String where = form.network() != null ? "network" : "file";
        NetworkJson described = parse((form.network() != null ? form.network() : metadata).getBytes(StandardCharsets.UTF_8),
                NetworkJson.class, where);
        Precision tensors = file.tensors().values().stream().map(t -> t.dtype()).findFirst().orElse(Precision.FLOAT32);
        NetworkSpec spec = withLoss(described.toSpec(where, tensors), form.loss());
        SpecChecks.check(spec, form.loss() != null ? "loss" : where + ".loss", limits);
        List<LayerTensors> layers = StateDicts.layers(spec, file.tensors(), "file");
        return new NetworkState(spec, layers, TrainingStates.fresh(config(form.optimizer())), Counters.NONE);
    }

    private NetworkState fromOnnx(byte[] bytes, ImportForm form) {
        if (form.network() != null) {
            throw ProblemException.invalid("network", "applies to safetensors files only; an ONNX model describes its layers itself");
        }
        ModelLayers model = OnnxReader.read(bytes, settings.maxOnnxBytes().toBytes(), limits.maxParametersPerNetwork());
        String metadata = model.metadata().get(ExportService.METADATA_KEY);
        NetworkJson described = metadata == null ? null : parse(metadata.getBytes(StandardCharsets.UTF_8), NetworkJson.class, "file");
        String name = described == null ? null : described.name();
        Loss loss = described == null || described.loss() == null ? Loss.MSE : described.loss();
        NetworkSpec spec = withLoss(new NetworkSpec(name, model.inputs(), model.shapes(), loss, model.dtype()), form.loss());
        SpecChecks.check(spec, "loss", limits);
        for (int l = 0; l < model.tensors().size(); l++) {
            LayerTensors layer = model.tensors().get(l);
            StateDicts.requireFinite("file", "layer " + l + "'s weights", layer.weights());
            if (layer.biases() != null) {
                StateDicts.requireFinite("file", "layer " + l + "'s biases", layer.biases());
            }
        }
        return new NetworkState(spec, model.tensors(), TrainingStates.fresh(config(form.optimizer())), Counters.NONE);
    }

    private TrainingConfig config(String optimizer) {
        OptimizerSpec spec = optimizer == null ? null : parse(optimizer.getBytes(StandardCharsets.UTF_8), OptimizerSpec.class, "optimizer");
        if (spec != null) {
            Set<ConstraintViolation<OptimizerSpec>> violations = validator.validate(spec);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations.stream()
                        .map(v -> new FieldProblem("optimizer." + v.getPropertyPath(), v.getMessage())).toList());
            }
        }
        return TrainingStates.config(spec, null, null, "");
    }

    private NetworkSpec withLoss(NetworkSpec spec, String loss) {
        if (loss == null) {
            return spec;
        }
        Loss chosen = Arrays.stream(Loss.values()).filter(l -> l.toString().equals(loss)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("loss", "is '" + loss + "'; choose one of "
                        + Arrays.stream(Loss.values()).map(Loss::toString).collect(Collectors.joining(", "))));
        return new NetworkSpec(spec.name(), spec.inputs(), spec.layers(), chosen, spec.dtype());
    }

    private static NetworkSpec renamed(NetworkSpec spec, String name) {
        return new NetworkSpec(name, spec.inputs(), spec.layers(), spec.loss(), spec.dtype());
    }

    private static void requireNone(ImportForm form, String reason) {
        String given = form.loss() != null ? "loss" : form.optimizer() != null ? "optimizer" : form.network() != null ? "network" : null;
        if (given != null) {
            throw ProblemException.invalid(given, "does not apply: " + reason);
        }
    }

    private <T> T parse(byte[] json, Class<T> type, String part) {
        try {
            T value = objectMapper.readValue(json, type);
            if (value == null) {
                throw ProblemException.invalid(part, "is empty; send a JSON object");
            }
            return value;
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            throw ProblemException.invalid(part + path, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(part, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw ProblemException.invalid(part, "could not be read (" + e.getMessage() + ")");
        }
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static boolean looksLikeSafetensors(byte[] bytes) {
        return bytes.length > 8 && bytes[8] == '{';
    }

    private NetworkSession hold(NetworkState state) {
        Instant now = Instant.now();
        try {
            return sessions.hold(UUID.randomUUID().toString(), null, now, now, state);
        } catch (IllegalArgumentException invalid) {
            throw ProblemException.invalid("training", invalid.getMessage());
        }
    }
}
