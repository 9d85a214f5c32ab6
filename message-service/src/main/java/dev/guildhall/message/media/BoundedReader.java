package dev.guildhall.message.media;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positioned reads of a file with a budget (ADR 255): the readers of our own never read more than
 * {@code budget} bytes in all, whatever sizes the file claims, and a read past the end is an error
 * rather than a short answer.
 */
final class BoundedReader implements AutoCloseable {

    /** Thrown when a file would make a reader read more than its budget. */
    static final class OverBudget extends IOException {
        OverBudget(long budget) {
            super("over the read budget of " + budget + " bytes");
        }
    }

    private final FileChannel channel;
    private final long size;
    private final long budget;
    private long spent;

    BoundedReader(Path file, long budget) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.budget = budget;
    }

    long size() {
        return size;
    }

    /** Exactly {@code length} bytes at {@code position}, or an exception. */
    ByteBuffer read(long position, int length) throws IOException {
        if (length < 0 || position < 0 || position + length > size) {
            throw new EOFException("read of " + length + " bytes at " + position + " past the end (" + size + ")");
        }
        spent += length;
        if (spent > budget) {
            throw new OverBudget(budget);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file ended at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    /** Up to {@code length} bytes at {@code position}: fewer where the file ends. */
    ByteBuffer readUpTo(long position, int length) throws IOException {
        return read(position, (int) Math.max(0, Math.min(length, size - position)));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
