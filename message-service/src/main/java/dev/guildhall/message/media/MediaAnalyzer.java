package dev.guildhall.message.media;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import net.coobird.thumbnailator.Thumbnails;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a stored file shows: an image's size as displayed (EXIF orientation applied), a thumbnail
 * re-encoded without any metadata (so no EXIF, no GPS) and a BlurHash placeholder; the duration
 * of MP4/MOV/M4A (isoparser), MP3, Ogg Vorbis, FLAC and WAV (jaudiotagger), Ogg Opus and
 * WebM/Matroska (bounded readers of our own, ADR 255); the poster of an H.264 MP4/MOV video: its
 * first frame, as a thumbnail and placeholder like an image's (JCodec, bounded in pixels and time, ADR 256). An image's pixel count is read from its header and checked
 * against the cap before a single pixel is decoded (decompression bombs), and large images are
 * decoded subsampled, so the heap holds about twice a thumbnail, never the full picture.
 */
@Component
public class MediaAnalyzer {

    private static final Logger log = LoggerFactory.getLogger(MediaAnalyzer.class);

    /** ISO base media files isoparser reads the duration of. */
    private static final Set<String> ISO_MEDIA = Set.of("video/mp4", "video/quicktime", "audio/mp4", "video/x-m4v",
            "audio/x-m4a", "video/3gpp");

    /** Types whose duration jaudiotagger reads from the headers, by the reader it should use (ADR 255). */
    private static final Map<String, String> TAGGED_AUDIO = Map.of(
            "audio/mpeg", "mp3",
            "audio/x-flac", "flac", "audio/flac", "flac",
            "audio/vnd.wave", "wav", "audio/x-wav", "wav", "audio/wav", "wav", "audio/wave", "wav");

    /** Ogg: Vorbis through jaudiotagger, Opus through our reader; the first page tells which. */
    private static final Set<String> OGG = Set.of("audio/ogg", "audio/vorbis", "audio/opus", "application/ogg",
            "video/ogg");

    private static final Set<String> MATROSKA = Set.of("video/webm", "audio/webm", "video/x-matroska",
            "audio/x-matroska", "application/x-matroska");

    /** Video decodes that may run at once, overrunning ones included (ADR 256). */
    static final int POSTER_SLOTS = 2;

    private final MediaProperties properties;
    private final Semaphore posterSlots = new Semaphore(POSTER_SLOTS);

    public MediaAnalyzer(MediaProperties properties) {
        this.properties = properties;
        // the TwelveMonkeys readers (CMYK/progressive JPEG, WebP) register through the service loader;
        // scanning again finds them under a packaged app's class loader too
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    static {
        // isoparser asserts that reserved bytes are zero, which real files (Chromium's MediaRecorder MP4s) break;
        // the service runs without -ea, tests with it: this makes both read such files the same way
        ClassLoader loader = IsoFile.class.getClassLoader();
        if (loader != null) {
            loader.setPackageAssertionStatus("org.mp4parser", false);
        }
    }

    public enum Outcome { DONE, REFUSED, FAILED, SKIPPED }

    /** A thumbnail: its bytes, their type and its size. */
    public record Thumbnail(byte[] bytes, String contentType, int width, int height) {
        public String extension() {
            return contentType.equals("image/png") ? "png" : "jpg";
        }
    }

    /**
     * @param width  as displayed (after EXIF orientation or the track's rotation), null when not an image or a
     *               video with a poster
     */
    public record Analysis(Outcome outcome, Integer width, Integer height, Thumbnail thumbnail, String placeholder,
                           Double durationSecs) {
        static Analysis of(Outcome outcome) {
            return new Analysis(outcome, null, null, null, null, null);
        }
    }

    public Analysis analyze(Path file, String contentType) {
        if (contentType.startsWith("image/") && !contentType.equals("image/svg+xml")) {
            return image(file);
        }
        if (ISO_MEDIA.contains(contentType)) {
            return isoMedia(file, contentType.startsWith("video/"));
        }
        if (TAGGED_AUDIO.containsKey(contentType)) {
            return duration(() -> taggedAudio(file, TAGGED_AUDIO.get(contentType)));
        }
        if (OGG.contains(contentType)) {
            return duration(() -> OggOpusDuration.isOpus(file) ? OggOpusDuration.seconds(file) : taggedAudio(file, "ogg"));
        }
        if (MATROSKA.contains(contentType)) {
            return duration(() -> MatroskaDuration.seconds(file));
        }
        return Analysis.of(Outcome.SKIPPED);
    }

    private interface DurationReader {
        Double seconds() throws Exception;
    }

    /** DONE with the duration in milliseconds' precision, or FAILED when the file yields none. */
    private static Analysis duration(DurationReader reader) {
        try {
            Double seconds = reader.seconds();
            if (seconds == null || !Double.isFinite(seconds) || seconds <= 0) {
                return Analysis.of(Outcome.FAILED);
            }
            return new Analysis(Outcome.DONE, null, null, null, null, Math.round(seconds * 1000) / 1000.0);
        } catch (Exception | StackOverflowError | AssertionError e) {
            // a library given a corrupt file may throw anything; the file then has no duration, nobody sees an error
            log.info("media not readable: {}", e.toString());
            return Analysis.of(Outcome.FAILED);
        }
    }

    /** The duration jaudiotagger reads from the headers (MP3: Xing/VBRI frame count, else size over bit rate). */
    private static Double taggedAudio(Path file, String extension) throws Exception {
        AudioFile audio = AudioFileIO.readAs(file.toFile(), extension);
        AudioHeader header = audio.getAudioHeader();
        return header == null ? null : header.getPreciseTrackLength();
    }

    private Analysis image(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Analysis.of(Outcome.FAILED);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int orientation = orientation(file);
                boolean turned = orientation >= 5 && orientation <= 8;
                Integer shownWidth = turned ? height : width;
                Integer shownHeight = turned ? width : height;
                if ((long) width * height > properties.maxPixels()) {
                    log.info("image of {}x{} refused: over the cap of {} pixels", width, height, properties.maxPixels());
                    return new Analysis(Outcome.REFUSED, shownWidth, shownHeight, null, null, null);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (properties.thumbnailSize() * 2));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                // one pixel layout from here on, whatever the decoder gave (indexed GIF, CMYK converted, gray)
                BufferedImage small = normalise(scale(decoded, properties.thumbnailSize()));
                BufferedImage oriented = orient(small, orientation);
                Thumbnail thumbnail = encode(oriented);
                String placeholder = BlurHash.encode(scale(oriented, 32), 4, 3);
                return new Analysis(Outcome.DONE, shownWidth, shownHeight, thumbnail, placeholder, null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            log.info("image not readable: {}", e.toString());
            return Analysis.of(Outcome.FAILED);
        }
    }

    /** Square crops of an image (avatar, icon): PNG bytes by side, or why there are none. */
    public record Crops(java.util.SortedMap<Integer, byte[]> pngs, Outcome outcome) {
    }

    /**
     * The centre square of an image, upright (EXIF orientation applied), scaled to each side and
     * written as PNG without metadata; the same pixel cap and subsampled decoding as thumbnails.
     */
    public Crops squareCrops(Path file, int... sides) {
        int largest = java.util.Arrays.stream(sides).max().orElseThrow();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return new Crops(null, Outcome.FAILED);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > properties.maxPixels()) {
                    return new Crops(null, Outcome.REFUSED);
                }
                int side = Math.min(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new java.awt.Rectangle((width - side) / 2, (height - side) / 2, side, side));
                int step = Math.max(1, side / (largest * 2));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage square = orient(normalise(reader.read(0, param)), orientation(file));
                java.util.SortedMap<Integer, byte[]> pngs = new java.util.TreeMap<>();
                for (int s : sides) {
                    BufferedImage scaled = square.getWidth() == s ? square
                            : Thumbnails.of(square).forceSize(s, s).asBufferedImage();
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    ImageIO.write(normalise(scaled), "png", bytes);
                    pngs.put(s, bytes.toByteArray());
                }
                return new Crops(pngs, Outcome.DONE);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            log.info("image not readable: {}", e.toString());
            return new Crops(null, Outcome.FAILED);
        }
    }

    /** The duration from the movie header; for a video also the poster: its first frame (ADR 256). */
    private Analysis isoMedia(Path file, boolean video) {
        Double duration = null;
        try (IsoFile iso = new IsoFile(file.toFile())) {
            MovieBox movie = iso.getMovieBox();
            MovieHeaderBox header = movie == null ? null : movie.getMovieHeaderBox();
            if (header != null && header.getTimescale() > 0 && header.getDuration() > 0) {
                double seconds = (double) header.getDuration() / header.getTimescale();
                duration = Math.round(seconds * 1000) / 1000.0;
            }
        } catch (IOException | RuntimeException | AssertionError e) {
            log.info("media not readable: {}", e.toString());
        }
        BufferedImage frame = video ? poster(file) : null;
        if (frame == null) {
            return duration == null ? Analysis.of(Outcome.FAILED)
                    : new Analysis(Outcome.DONE, null, null, null, null, duration);
        }
        try {
            BufferedImage small = normalise(scale(frame, properties.thumbnailSize()));
            return new Analysis(Outcome.DONE, frame.getWidth(), frame.getHeight(), encode(small),
                    BlurHash.encode(scale(small, 32), 4, 3), duration);
        } catch (IOException | RuntimeException e) {
            log.info("poster not encoded: {}", e.toString());
            return new Analysis(duration == null ? Outcome.FAILED : Outcome.DONE, null, null, null, null, duration);
        }
    }

    /**
     * The video's first frame, decoded on a thread of its own within {@code poster-timeout}; null
     * when there is none, it takes too long, or earlier decodes that overran are still running
     * (JCodec does not stop when interrupted, so at most {@link #POSTER_SLOTS} of them may be).
     */
    private BufferedImage poster(Path file) {
        if (!posterSlots.tryAcquire()) {
            log.warn("video without a poster: {} earlier decodes are still running", POSTER_SLOTS);
            return null;
        }
        CompletableFuture<BufferedImage> decoded = new CompletableFuture<>();
        Thread decoder = new Thread(() -> {
            try {
                decoded.complete(VideoPoster.firstFrame(file, properties.maxPixels()));
            } catch (Throwable e) {
                decoded.completeExceptionally(e);
            } finally {
                posterSlots.release();
            }
        }, "media-poster");
        decoder.setDaemon(true);
        decoder.start();
        try {
            return decoded.get(properties.posterTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            decoder.interrupt();
            log.info("video without a poster: its first frame took longer than {}", properties.posterTimeout());
        } catch (ExecutionException e) {
            log.info("video without a poster: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** EXIF orientation 1–8 (1 = as stored), from whatever metadata the file has. */
    static int orientation(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            for (ExifIFD0Directory exif : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
        } catch (ImageProcessingException | MetadataException | IOException | RuntimeException e) {
            log.debug("no readable metadata: {}", e.toString());
        }
        return 1;
    }

    /** The image fitted inside {@code side} × {@code side}; never enlarged. */
    private static BufferedImage scale(BufferedImage image, int side) throws IOException {
        if (Math.max(image.getWidth(), image.getHeight()) <= side) {
            return image;
        }
        return Thumbnails.of(image).size(side, side).keepAspectRatio(true).asBufferedImage();
    }

    private static BufferedImage normalise(BufferedImage image) {
        return copy(image, image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    /** Applies an EXIF orientation: the image as a viewer should show it. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** JPEG for opaque images, PNG where there is transparency; either way no metadata is written. */
    private static Thumbnail encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (image.getColorModel().hasAlpha()) {
            BufferedImage argb = copy(image, BufferedImage.TYPE_INT_ARGB);
            ImageIO.write(argb, "png", bytes);
            return new Thumbnail(bytes.toByteArray(), "image/png", argb.getWidth(), argb.getHeight());
        }
        BufferedImage rgb = copy(image, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.82f);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return new Thumbnail(bytes.toByteArray(), "image/jpeg", rgb.getWidth(), rgb.getHeight());
    }

    private static BufferedImage copy(BufferedImage image, int type) {
        if (image.getType() == type) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
