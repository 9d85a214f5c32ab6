package dev.guildhall.message.attachment;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;

/**
 * What a file really is, from its first bytes: the type by Apache Tika's magic-byte detector (never
 * the name or the declared type), and for images the dimensions from the header alone.
 */
@Component
public class ContentSniffer {

    /** How many leading bytes are read: Tika's magic patterns and image headers fit well inside. */
    public static final int PREFIX_BYTES = 64 * 1024;

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();
    private static final MediaType AUDIO_WEBM = MediaType.parse("audio/webm");
    private static final MediaType MATROSKA = MediaType.parse("application/x-matroska");

    public String detect(byte[] prefix) {
        try (TikaInputStream in = TikaInputStream.get(new ByteArrayInputStream(prefix))) {
            return TYPES.detect(in, new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Width and height from an image's header, or null when it is not an image ImageIO reads. */
    public int[] dimensions(byte[] prefix, String type) {
        if (!type.startsWith("image/") || type.equals("image/svg+xml")) {
            return null;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(prefix))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The type an attachment is stored and served with, or null when the bytes contradict the
     * declared type. Compatible: the same type, one a specialisation of the other in Tika's registry
     * (e.g. {@code application/json} of {@code text/plain}), a declared
     * {@code application/octet-stream}, or bytes Tika does not recognise declared as something
     * other than an image, video or audio (which would be served inline). The sniffed type wins,
     * unless the declared one is a more specific kind of it.
     */
    public static String reconcile(String declared, String sniffed) {
        MediaType d = parse(declared);
        MediaType s = parse(sniffed);
        if (d == null || s == null) {
            return s == null ? null : s.toString();
        }
        if (s.equals(MediaType.OCTET_STREAM)) {
            // in Tika's registry every type specialises octet-stream: decide before asking it
            boolean rendered = d.getType().equals("image") || d.getType().equals("video") || d.getType().equals("audio");
            return rendered ? null : s.toString();
        }
        if (d.equals(s) || d.equals(MediaType.OCTET_STREAM) || REGISTRY.isSpecializationOf(s, d)) {
            return s.toString();
        }
        if (REGISTRY.isSpecializationOf(d, s)) {
            return d.toString();
        }
        if (d.equals(AUDIO_WEBM) && (s.equals(MATROSKA) || REGISTRY.isSpecializationOf(s, MATROSKA))) {
            // what browsers record voice into; Tika's registry does not know it, but it is WebM (ADR 255)
            return d.toString();
        }
        return null;
    }

    private static MediaType parse(String type) {
        MediaType parsed = type == null ? null : MediaType.parse(type.trim().toLowerCase(Locale.ROOT));
        return parsed == null ? null : REGISTRY.normalize(parsed.getBaseType());
    }
}
