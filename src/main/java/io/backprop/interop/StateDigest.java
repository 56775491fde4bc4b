package io.backprop.interop;

import io.backprop.state.Tensor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The {@code sha256} of an export: SHA-256 of the state-dict tensors' little-endian bytes, concatenated in key order. */
final class StateDigest {

    private StateDigest() {
    }

    static String sha256(Map<String, Tensor> stateDict) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            stateDict.values().forEach(tensor -> digest.update(tensor.littleEndian()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
