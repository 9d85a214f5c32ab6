package dev.guildhall.message.attachment;

/**
 * The v1 attachment object on messages. {@code url} and {@code proxy_url} are signed links that
 * expire (ADR 162): reading the message again gives fresh ones. {@code thumbnail},
 * {@code placeholder} and {@code duration_secs} are null until thumbnails exist (a later slice).
 */
public record AttachmentView(String attachmentId, String filename, String description, String contentType, long size,
                             String url, String proxyUrl, Integer width, Integer height, Thumbnail thumbnail,
                             String placeholder, Double durationSecs, boolean spoiler) {

    public record Thumbnail(String url, Integer width, Integer height) {
    }
}
