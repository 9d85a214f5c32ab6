package dev.guildhall.message.media;

import java.awt.image.BufferedImage;

/**
 * The BlurHash encoder (the published algorithm, https://blurha.sh): a few DCT components of an
 * image in base 83, ~30 characters a client decodes into a blurred placeholder before the image
 * loads. Written here because no maintained Java encoder is published on Maven Central (ADR 194).
 */
public final class BlurHash {

    private static final String DIGITS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    private BlurHash() {
    }

    /**
     * @param image      a small image (a thumbnail: the cost is pixels × components)
     * @param xComponents 1–9 horizontal components
     * @param yComponents 1–9 vertical components
     */
    public static String encode(BufferedImage image, int xComponents, int yComponents) {
        if (xComponents < 1 || xComponents > 9 || yComponents < 1 || yComponents > 9) {
            throw new IllegalArgumentException("components must be 1 to 9");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        double[][] linear = new double[3][width * height];
        for (int i = 0; i < rgb.length; i++) {
            linear[0][i] = toLinear((rgb[i] >> 16) & 0xff);
            linear[1][i] = toLinear((rgb[i] >> 8) & 0xff);
            linear[2][i] = toLinear(rgb[i] & 0xff);
        }
        double[][] factors = new double[xComponents * yComponents][];
        for (int j = 0; j < yComponents; j++) {
            for (int i = 0; i < xComponents; i++) {
                factors[j * xComponents + i] = factor(linear, width, height, i, j);
            }
        }
        StringBuilder hash = new StringBuilder();
        append(hash, (xComponents - 1) + (yComponents - 1) * 9, 1);
        double maxValue;
        if (factors.length > 1) {
            double actualMax = 0;
            for (int k = 1; k < factors.length; k++) {
                for (double v : factors[k]) {
                    actualMax = Math.max(actualMax, Math.abs(v));
                }
            }
            int quantisedMax = (int) Math.max(0, Math.min(82, Math.floor(actualMax * 166 - 0.5)));
            maxValue = (quantisedMax + 1) / 166.0;
            append(hash, quantisedMax, 1);
        } else {
            maxValue = 1;
            append(hash, 0, 1);
        }
        double[] dc = factors[0];
        append(hash, (toSrgb(dc[0]) << 16) + (toSrgb(dc[1]) << 8) + toSrgb(dc[2]), 4);
        for (int k = 1; k < factors.length; k++) {
            double[] ac = factors[k];
            append(hash, quantise(ac[0], maxValue) * 19 * 19 + quantise(ac[1], maxValue) * 19 + quantise(ac[2], maxValue), 2);
        }
        return hash.toString();
    }

    /** The average colour (the DC component) a hash carries, as 0xRRGGBB. */
    public static int averageColor(String hash) {
        int value = 0;
        for (int i = 2; i < 6; i++) {
            value = value * 83 + DIGITS.indexOf(hash.charAt(i));
        }
        return value;
    }

    private static double[] factor(double[][] linear, int width, int height, int i, int j) {
        double r = 0;
        double g = 0;
        double b = 0;
        double normalisation = i == 0 && j == 0 ? 1 : 2;
        for (int y = 0; y < height; y++) {
            double cosY = Math.cos(Math.PI * j * y / height);
            for (int x = 0; x < width; x++) {
                double basis = normalisation * Math.cos(Math.PI * i * x / width) * cosY;
                int p = y * width + x;
                r += basis * linear[0][p];
                g += basis * linear[1][p];
                b += basis * linear[2][p];
            }
        }
        double scale = 1.0 / (width * height);
        return new double[] {r * scale, g * scale, b * scale};
    }

    private static int quantise(double value, double maxValue) {
        double v = value / maxValue;
        return (int) Math.max(0, Math.min(18, Math.floor(Math.copySign(Math.pow(Math.abs(v), 0.5), v) * 9 + 9.5)));
    }

    private static double toLinear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static int toSrgb(double value) {
        double v = Math.max(0, Math.min(1, value));
        return v <= 0.0031308 ? (int) (v * 12.92 * 255 + 0.5) : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
    }

    private static void append(StringBuilder hash, int value, int length) {
        for (int i = 1; i <= length; i++) {
            int digit = (value / (int) Math.pow(83, length - i)) % 83;
            hash.append(DIGITS.charAt(digit));
        }
    }
}
