package dev.guildhall.message.media;

import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.scale.AWTUtil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The first frame of an MP4/MOV video, decoded by JCodec (pure Java; H.264 is what it decodes), as
 * a viewer shows it (the track's rotation applied): the video's poster (ADR 256). The frame size
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

    static BufferedImage firstFrame(Path file, long maxPixels) throws IOException, NoPoster {
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
}
