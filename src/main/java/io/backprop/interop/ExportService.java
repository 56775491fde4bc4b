package io.backprop.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.network.NetworkSession;
import io.backprop.network.NetworkSessions;
import io.backprop.state.NetworkState;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/** Writes a held network's state, taken consistently under its lock, in one of the export formats. */
@Service
class ExportService {

    static final String METADATA_KEY = "backprop.network";

    private final NetworkSessions sessions;
    private final ObjectMapper objectMapper;

    ExportService(NetworkSessions sessions, ObjectMapper objectMapper) {
        this.sessions = sessions;
        this.objectMapper = objectMapper;
    }

    ExportFile export(String id, ExportFormat format) {
        NetworkSession session = sessions.get(id);
        NetworkState state = session.state();
        String base = state.spec().name() != null ? state.spec().name() : session.id();
        return switch (format) {
            case JSON -> new ExportFile(base, format, MediaType.APPLICATION_JSON, json(JsonExports.of(state)));
            case SAFETENSORS -> new ExportFile(base, format, MediaType.APPLICATION_OCTET_STREAM,
                    Safetensors.write(metadata(state), StateDicts.of(state.layers())));
            case ONNX -> new ExportFile(base, format, MediaType.APPLICATION_OCTET_STREAM,
                    OnnxWriter.write(base, state.spec(), state.layers(), metadata(state)));
        };
    }

    /** The {@code network} object as a JSON string, under {@link #METADATA_KEY}. */
    private Map<String, String> metadata(NetworkState state) {
        return Map.of(METADATA_KEY, new String(json(NetworkJson.of(state.spec())), java.nio.charset.StandardCharsets.UTF_8));
    }

    private byte[] json(Object value) {
        try {
            return objectMapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export is always writable as JSON", e);
        }
    }
}
