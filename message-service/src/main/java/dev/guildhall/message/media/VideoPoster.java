package dev.guildhall.message.media;

import org.jcodec.api.FrameGrab;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.api.JCodecException;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.scale.AWTUtil;
import org.mp4parser.Box;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.HandlerBox;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieExtendsBox;
import org.mp4parser.boxes.iso14496.part12.MovieFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;
import org.mp4parser.boxes.iso14496.part15.AvcConfigurationBox;
import org.mp4parser.boxes.sampleentry.VisualSampleEntry;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first frame of an MP4/MOV video, decoded by JCodec (pure Java; H.264 is what it decodes), as
 * a viewer shows it (the track's rotation applied): the video's poster (ADR 256). Fragmented MP4 (what
 * browsers record), which JCodec's demuxer cannot read, has its first sample found by isoparser. The frame size
 * the track declares is checked against the pixel cap before anything is decoded; the decoder's
 * buffers are sized from it, so a stream claiming more fails instead of allocating more. The caller
 * bounds the time.
 */
final class VideoPoster {

    /** Why a video has no poster although it may be a video. */
    static final class NoPoster extends Exception {
        NoPoster(String reason) {
            super(reason);
        }
    }

    private VideoPoster() {
    }

    /** Bytes of one compressed frame we are willing to read: far above any real key frame. */
    static final int MAX_SAMPLE_BYTES = 16 * 1024 * 1024;

    static BufferedImage firstFrame(Path file, long maxPixels) throws IOException, NoPoster {
        if (fragmented(file)) {
            return firstFragmentedFrame(file, maxPixels);
        }
        try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
            FrameGrab grab;
            try {
                grab = FrameGrab.createFrameGrab(channel);
            } catch (JCodecException e) {
                throw new NoPoster("not a video JCodec reads: " + e.getMessage());
            }
            if (grab.getVideoTrack() == null) {
                throw new NoPoster("no video track");
            }
            DemuxerTrackMeta meta = grab.getVideoTrack().getMeta();
            VideoCodecMeta codec = meta == null ? null : meta.getVideoCodecMeta();
            Size size = codec == null ? null : codec.getSize();
            if (size == null || size.getWidth() <= 0 || size.getHeight() <= 0) {
                throw new NoPoster("no frame size");
            }
            if ((long) size.getWidth() * size.getHeight() > maxPixels) {
                throw new NoPoster("frames of " + size.getWidth() + "x" + size.getHeight() + " are over the pixel cap");
            }
            Picture picture = grab.getNativeFrame();
            if (picture == null) {
                throw new NoPoster("no frame");
            }
            return AWTUtil.toBufferedImage(picture, meta.getOrientation());
        }
    }

    /** Whether the movie says its samples are in fragments (an {@code mvex} box), as browsers record MP4. */
    private static boolean fragmented(Path file) throws IOException {
        try (IsoFile iso = new IsoFile(file.toFile())) {
            MovieBox movie = iso.getMovieBox();
            return movie != null && !movie.getBoxes(MovieExtendsBox.class).isEmpty();
        }
    }

    /**
     * The first sample of the H.264 track of a fragmented MP4, which JCodec's demuxer cannot read: isoparser
     * finds the track's decoder configuration (avcC) and the first fragment's first sample, whose NAL units
     * go to JCodec's H.264 decoder with buffers sized from the sample entry (pixel-capped).
     */
    private static BufferedImage firstFragmentedFrame(Path file, long maxPixels) throws IOException, NoPoster {
        long start;
        long size;
        AvcConfigurationBox avc;
        int width;
        int height;
        try (IsoFile iso = new IsoFile(file.toFile())) {
            TrackBox video = null;
            for (TrackBox track : iso.getMovieBox().getBoxes(TrackBox.class)) {
                HandlerBox handler = org.mp4parser.tools.Path.getPath(track, "mdia[0]/hdlr[0]");
                if (handler != null && "vide".equals(handler.getHandlerType())) {
                    video = track;
                    break;
                }
            }
            if (video == null) {
                throw new NoPoster("no video track");
            }
            VisualSampleEntry entry = org.mp4parser.tools.Path.getPath(video, "mdia[0]/minf[0]/stbl[0]/stsd[0]/avc1[0]");
            if (entry == null) {
                entry = org.mp4parser.tools.Path.getPath(video, "mdia[0]/minf[0]/stbl[0]/stsd[0]/avc3[0]");
            }
            avc = entry == null ? null : org.mp4parser.tools.Path.getPath(entry, "avcC[0]");
            if (avc == null) {
                throw new NoPoster("not H.264");
            }
            width = entry.getWidth();
            height = entry.getHeight();
            if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
                throw new NoPoster("frames of " + width + "x" + height + " are not within the pixel cap");
            }
            long trackId = video.getTrackHeaderBox().getTrackId();
            long[] sample = firstSample(iso, trackId);
            start = sample[0];
            size = sample[1];
        }
        if (size <= 0 || size > MAX_SAMPLE_BYTES) {
            throw new NoPoster("first sample of " + size + " bytes");
        }
        ByteBuffer bytes;
        try (BoundedReader reader = new BoundedReader(file, size)) {
            bytes = reader.read(start, (int) size);
        }
        List<ByteBuffer> nals = new ArrayList<>();
        int lengthSize = avc.getLengthSizeMinusOne() + 1;
        while (bytes.remaining() > lengthSize) {
            int length = 0;
            for (int i = 0; i < lengthSize; i++) {
                length = (length << 8) | (bytes.get() & 0xff);
            }
            if (length <= 0 || length > bytes.remaining()) {
                throw new NoPoster("malformed first sample");
            }
            ByteBuffer nal = bytes.slice();
            nal.limit(length);
            nals.add(nal);
            bytes.position(bytes.position() + length);
        }
        H264Decoder decoder = H264Decoder.createH264DecoderFromCodecPrivate(annexB(avc));
        Picture buffer = Picture.create((width + 15) & ~15, (height + 15) & ~15, ColorSpace.YUV420J);
        Picture frame = decoder.decodeFrameFromNals(nals, buffer.getData());
        if (frame == null) {
            throw new NoPoster("no frame");
        }
        return AWTUtil.toBufferedImage(frame);
    }

    /** Where the track's first sample starts and how long it is, from the first fragment that has it. */
    private static long[] firstSample(IsoFile iso, long trackId) throws NoPoster {
        long offset = 0;
        for (Box box : iso.getBoxes()) {
            if (box instanceof MovieFragmentBox moof) {
                for (TrackFragmentBox traf : moof.getBoxes(TrackFragmentBox.class)) {
                    TrackFragmentHeaderBox header = traf.getTrackFragmentHeaderBox();
                    List<TrackRunBox> runs = traf.getBoxes(TrackRunBox.class);
                    if (header == null || header.getTrackId() != trackId || runs.isEmpty()
                            || runs.get(0).getEntries().isEmpty()) {
                        continue;
                    }
                    TrackRunBox run = runs.get(0);
                    long base = header.hasBaseDataOffset() ? header.getBaseDataOffset() : offset;
                    long start = base + (run.isDataOffsetPresent() ? run.getDataOffset() : 0);
                    long size = run.isSampleSizePresent() ? run.getEntries().get(0).getSampleSize()
                            : header.getDefaultSampleSize();
                    return new long[] {start, size};
                }
            }
            offset += box.getSize();
        }
        throw new NoPoster("no fragment of the video track");
    }

    /** The avcC's parameter sets as an Annex B stream, as JCodec's decoder takes them. */
    private static ByteBuffer annexB(AvcConfigurationBox avc) {
        List<ByteBuffer> sets = new ArrayList<>(avc.getSequenceParameterSets());
        sets.addAll(avc.getPictureParameterSets());
        int length = 0;
        for (ByteBuffer set : sets) {
            length += 4 + set.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (ByteBuffer set : sets) {
            out.putInt(1).put(set.duplicate());
        }
        return out.flip();
    }
}
