package dev.guildhall.message.attachment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Runs the code a send with attachments needs once, in the background after start: Tika's
 * detector, ImageIO's plugin registry and the AWS SDK's request pipeline (plus the bucket check)
 * each cost a second or more the first time on a busy machine, which a send (behind the gateway's
 * 2 s limit) must not pay. A store that is down only logs; sends then fail as they would anyway.
 */
@Component
class AttachmentWarmup {

    private static final Logger log = LoggerFactory.getLogger(AttachmentWarmup.class);

    private final ContentSniffer sniffer;
    private final ObjectStore store;

    AttachmentWarmup(ContentSniffer sniffer, ObjectStore store) {
        this.sniffer = sniffer;
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                byte[] png = tinyPng();
                sniffer.dimensions(png, sniffer.detect(png));
                store.head("attachments/warmup");
                log.debug("attachment code paths warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                log.info("attachment warm-up skipped: {}", e.toString());
            }
        }, "attachment-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static byte[] tinyPng() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
