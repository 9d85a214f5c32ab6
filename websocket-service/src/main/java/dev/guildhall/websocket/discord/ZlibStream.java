package dev.guildhall.websocket.discord;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * Discord's {@code compress=zlib-stream} transport compression (ADR 180): one zlib deflate context for the
 * whole connection, each payload compressed into it and flushed with {@link Deflater#SYNC_FLUSH}, so every
 * binary frame ends in {@code 00 00 ff ff} and the client inflates the frames, in order, with one inflater.
 * Not thread-safe: the connection's send side calls it for one frame after another.
 */
public final class ZlibStream implements AutoCloseable {

    /** The query value that asks for it. */
    public static final String NAME = "zlib-stream";

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final byte[] buffer = new byte[8192];
    private boolean ended;

    /** The next binary frame: {@code payload} deflated in the shared context, ending in a sync flush. */
    public synchronized byte[] compress(byte[] payload) {
        if (ended) {
            throw new IllegalStateException("zlib stream ended");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, payload.length / 3));
        deflater.setInput(payload);
        // SYNC_FLUSH fills the buffer completely while there is more to write
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, written);
        } while (written == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    @Override
    public synchronized void close() {
        ended = true;
        deflater.end();
    }
}
