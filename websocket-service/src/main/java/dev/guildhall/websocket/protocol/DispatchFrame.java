package dev.guildhall.websocket.protocol;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One event's dispatch, serialized once per node and shared by every recipient. Only {@code s}
 * differs between sessions, so the frame is {@link #PREFIX} + the session's sequence + {@link
 * #suffix()}: {@code {"op":0,"s":42,"t":"MESSAGE_CREATE","d":{...}}}.
 *
 * <p>{@code ref} names these exact bytes: the event id, or the event id plus a qualifier when
 * one event yields several payloads (a presence per shared server, a per-user SERVER_CREATE).
 * Resume buffers store the suffix once under that name and only {@code (seq, ref)} per session.
 */
public final class DispatchFrame {

    /** The part every dispatch frame starts with. */
    public static final byte[] PREFIX = "{\"op\":0,\"s\":".getBytes(StandardCharsets.US_ASCII);

    private final String type;
    private final String ref;
    private final byte[] suffix;
    private final AtomicBoolean stored = new AtomicBoolean();

    private DispatchFrame(String type, String ref, byte[] suffix) {
        this.type = type;
        this.ref = ref;
        this.suffix = suffix;
    }

    /**
     * @param type     the dispatch name ({@code t}); upper-case letters and underscores
     * @param dataJson {@code d}, already serialized
     */
    public static DispatchFrame of(String type, String ref, byte[] dataJson) {
        if (!type.matches("[A-Z_]+")) {
            throw new IllegalArgumentException("not a dispatch name: " + type);
        }
        byte[] head = (",\"t\":\"" + type + "\",\"d\":").getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = new byte[head.length + dataJson.length + 1];
        System.arraycopy(head, 0, suffix, 0, head.length);
        System.arraycopy(dataJson, 0, suffix, head.length, dataJson.length);
        suffix[suffix.length - 1] = '}';
        return new DispatchFrame(type, ref, suffix);
    }

    /** Rebuilds a frame from a stored suffix (resume replay). */
    public static DispatchFrame fromSuffix(String ref, String suffix) {
        byte[] bytes = suffix.getBytes(StandardCharsets.UTF_8);
        String text = suffix;
        int start = text.indexOf("\"t\":\"") + 5;
        int end = text.indexOf('"', start);
        if (start < 5 || end < 0) {
            throw new IllegalArgumentException("not a dispatch suffix");
        }
        return new DispatchFrame(text.substring(start, end), ref, bytes);
    }

    public String type() {
        return type;
    }

    public String ref() {
        return ref;
    }

    /** Shared, never modified: {@code ,"t":"…","d":…}}. */
    public byte[] suffix() {
        return suffix;
    }

    public String suffixText() {
        return new String(suffix, StandardCharsets.UTF_8);
    }

    /** True exactly once per frame object: the first journal write also stores the payload. */
    public boolean claimStore() {
        return stored.compareAndSet(false, true);
    }

    /** The whole frame for one session, as one array (the Netty path avoids even this copy). */
    public byte[] bytes(long seq) {
        byte[] s = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[PREFIX.length + s.length + suffix.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(s, 0, out, PREFIX.length, s.length);
        System.arraycopy(suffix, 0, out, PREFIX.length + s.length, suffix.length);
        return out;
    }

    public String text(long seq) {
        return new String(bytes(seq), StandardCharsets.UTF_8);
    }
}
