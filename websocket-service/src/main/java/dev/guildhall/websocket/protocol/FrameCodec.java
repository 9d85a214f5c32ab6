package dev.guildhall.websocket.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import java.nio.charset.StandardCharsets;

/** Decodes client frames and encodes the server's control frames. */
public final class FrameCodec {

    private static final byte[] HEARTBEAT_ACK = control(OpCode.HEARTBEAT_ACK, "null");
    private static final byte[] RECONNECT = control(OpCode.RECONNECT, "null");
    private static final byte[] INVALID_RESUMABLE = control(OpCode.INVALID_SESSION, "true");
    private static final byte[] INVALID_NOT_RESUMABLE = control(OpCode.INVALID_SESSION, "false");

    private final JsonMapper mapper;
    private final int maxPayloadBytes;

    public FrameCodec(JsonMapper mapper, int maxPayloadBytes) {
        this.mapper = mapper;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public InboundFrame decode(byte[] bytes) {
        if (bytes.length > maxPayloadBytes) {
            throw new DecodeException("payload larger than " + maxPayloadBytes + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new DecodeException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException("frame must be a JSON object");
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isIntegralNumber() || !op.canConvertToInt()) {
            throw new DecodeException("op must be an integer");
        }
        JsonNode d = root.get("d");
        return new InboundFrame(op.intValue(), d == null ? NullNode.getInstance() : d);
    }

    public byte[] hello(long heartbeatIntervalMillis) {
        return control(OpCode.HELLO, "{\"heartbeat_interval\":" + heartbeatIntervalMillis + "}");
    }

    public byte[] heartbeatAck() {
        return HEARTBEAT_ACK;
    }

    public byte[] reconnect() {
        return RECONNECT;
    }

    public byte[] invalidSession(boolean resumable) {
        return resumable ? INVALID_RESUMABLE : INVALID_NOT_RESUMABLE;
    }

    /** Serializes {@code d} of a dispatch; the one place dispatch payloads are encoded. */
    public byte[] encode(JsonNode d) {
        return mapper.writeValueAsBytes(d);
    }

    private static byte[] control(int op, String d) {
        return ("{\"op\":" + op + ",\"d\":" + d + ",\"s\":null,\"t\":null}").getBytes(StandardCharsets.US_ASCII);
    }
}
