package dev.guildhall.message.attachment;

/** What the store holds for an upload: its size, the type sniffed from its bytes, an image's dimensions. */
public record Inspection(long size, String contentType, Integer width, Integer height) {
}
