package dev.guildhall.websocket.session;

import dev.guildhall.websocket.protocol.OutboundFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A transport that keeps what was sent and how it was closed; optionally a tiny queue. */
public final class RecordingTransport implements ConnectionTransport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final List<OutboundFrame> frames = new ArrayList<>();
    public Integer closeCode;
    public boolean flushed;
    private final int capacity;

    public RecordingTransport() {
        this(Integer.MAX_VALUE);
    }

    public RecordingTransport(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean offer(OutboundFrame frame) {
        if (closeCode != null) {
            return true;
        }
        if (frames.size() >= capacity) {
            return false;
        }
        frames.add(frame);
        return true;
    }

    @Override
    public synchronized void close(int code, String reason, boolean flush) {
        if (closeCode == null) {
            closeCode = code;
            flushed = flush;
        }
    }

    public synchronized List<JsonNode> json() {
        List<JsonNode> out = new ArrayList<>();
        for (OutboundFrame f : frames) {
            byte[] bytes = f instanceof OutboundFrame.Dispatch d ? d.frame().bytes(d.seq()) : ((OutboundFrame.Raw) f).json();
            out.add(JSON.readTree(new String(bytes, StandardCharsets.UTF_8)));
        }
        return out;
    }

    public synchronized JsonNode last() {
        List<JsonNode> all = json();
        return all.get(all.size() - 1);
    }
}
