package dev.guildhall.media.conference;

import java.util.ArrayList;
import java.util.List;

/** A signalling connection that keeps what the node sent it, in order. */
final class RecordingChannel implements SignalChannel {

    record Frame(String op, Object data) {
    }

    private final List<Frame> frames = new ArrayList<>();

    @Override
    public void send(String op, Object data) {
        synchronized (frames) {
            frames.add(new Frame(op, data));
        }
        Thread.yield(); // widen the window in which another endpoint's thread runs
    }

    @Override
    public void close(int code, String reason) {
    }

    List<Frame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    List<String> ops() {
        return frames().stream().map(Frame::op).toList();
    }

    /** The SDP of the node's latest offer, or null. */
    String lastOffer() {
        List<Frame> all = frames();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).op().equals("offer")) {
                return (String) ((java.util.Map<?, ?>) all.get(i).data()).get("sdp");
            }
        }
        return null;
    }

    int offers() {
        return (int) frames().stream().filter(f -> f.op().equals("offer")).count();
    }
}
