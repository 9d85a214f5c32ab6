package dev.guildhall.bench.files;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The thumbnail case's photo: a 4000 x 3000 baseline JPEG drawn here with ImageIO (gradients and shapes). */
final class TestJpeg {

    static final int WIDTH = 4000;
    static final int HEIGHT = 3000;

    private TestJpeg() {
    }

    static byte[] twelveMegapixels() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), WIDTH, HEIGHT, new Color(240, 180, 60)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            for (int i = 0; i < 60; i++) {
                g.setColor(new Color((i * 37) % 256, (i * 91) % 256, (i * 53) % 256, 160));
                g.fillOval((i * 389) % WIDTH, (i * 251) % HEIGHT, 200 + (i * 17) % 600, 150 + (i * 29) % 500);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
