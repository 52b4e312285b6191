package org.s3gd.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.s3gd.io.AtomicFile;

/**
 * Draws a {@link GradientPicture} as one PNG: ∇W2 and ∂L/∂s1, dense on the left, sparse on the
 * right, on one diverging colour scale per row (blue negative, white 0, red positive, clipped at
 * the 99th percentile of the dense magnitudes); the entries the sparse method never computes are
 * grey.
 */
public final class GradientPlot {
    public static final String FILE = "gradients.png";

    private static final Color NEVER_COMPUTED = new Color(200, 200, 200);
    private static final int PANEL = 360;
    private static final int MARGIN = 60;
    private static final int TOP = 104;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private GradientPlot() {
    }

    /** Writes the picture to {@code file} with {@link AtomicFile}. */
    public static void write(GradientPicture picture, Path file) throws IOException {
        int width = 2 * PANEL + 3 * MARGIN + 80;
        int height = TOP + 2 * (PANEL + MARGIN) + 40;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(String.format(Locale.ROOT, "Gradients of one batch, dense (original BPTT) vs sparse (S3GD), b_th = %.3f",
            1 - picture.backpropThreshold()), MARGIN, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "cosine(sparse, dense): ∇W2 %.4f;  ∂L/∂s1 %.4f where computed, %.4f over all "
                + "entries", picture.weightCosine(), picture.computedSpikeCosine(), picture.spikeCosine()), MARGIN, 50);
        g.drawString(String.format(Locale.ROOT, "active (|v − θ| < B_th): %.2f %% / %.2f %% of B·T·N in layers 1 / 2;  grey: "
                + "never computed by the sparse method", 100 * picture.activity()[0], 100 * picture.activity()[1]), MARGIN, 68);

        double weightScale = scale(picture.denseWeights());
        double spikeScale = scale(picture.denseSpikes());
        int y = TOP;
        panel(g, MARGIN, y, "dense ∇W2 (rows: inputs, columns: neurons)", picture.denseWeights(), null, picture.rows(),
            picture.cols(), weightScale);
        panel(g, 2 * MARGIN + PANEL, y, String.format(Locale.ROOT, "sparse ∇W2 (%.1f %% computed)",
                100 * picture.computedShare(picture.weightsComputed())),
            picture.sparseWeights(), picture.weightsComputed(), picture.rows(), picture.cols(), weightScale);
        colourBar(g, 3 * MARGIN + 2 * PANEL - 30, y, weightScale);
        y += PANEL + MARGIN;
        panel(g, MARGIN, y, "dense ∂L/∂s1, sample 0 (rows: steps, columns: neurons)", picture.denseSpikes(), null,
            picture.steps(), picture.units(), spikeScale);
        panel(g, 2 * MARGIN + PANEL, y, String.format(Locale.ROOT, "sparse ∂L/∂s1 (%.1f %% computed)",
                100 * picture.computedShare(picture.spikesComputed())),
            picture.sparseSpikes(), picture.spikesComputed(), picture.steps(), picture.units(), spikeScale);
        colourBar(g, 3 * MARGIN + 2 * PANEL - 30, y, spikeScale);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        try {
            AtomicFile.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new IOException(file + ": " + AtomicFile.reason(e), e);
        }
    }

    private static void panel(Graphics2D g, int x0, int y0, String title, float[] values, boolean[] computed, int rows, int cols,
                              double scale) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, x0, y0 - 8);
        double cellW = (double) PANEL / cols;
        double cellH = (double) PANEL / rows;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                g.setColor(computed != null && !computed[k] ? NEVER_COMPUTED : colour(values[k] / scale));
                int x = x0 + (int) Math.floor(c * cellW);
                int y = y0 + (int) Math.floor(r * cellH);
                g.fillRect(x, y, x0 + (int) Math.floor((c + 1) * cellW) - x, y0 + (int) Math.floor((r + 1) * cellH) - y);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x0, y0, PANEL, PANEL);
    }

    private static void colourBar(Graphics2D g, int x0, int y0, double scale) {
        for (int i = 0; i < PANEL; i++) {
            g.setColor(colour(1 - 2.0 * i / PANEL));
            g.fillRect(x0, y0 + i, 16, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, 16, PANEL);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "+%.1e", scale), x0 + 20, y0 + 10);
        g.drawString("0", x0 + 20, y0 + PANEL / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "−%.1e", scale), x0 + 20, y0 + PANEL);
        g.setColor(NEVER_COMPUTED);
        g.fillRect(x0, y0 + PANEL + 12, 16, 12);
        g.setColor(Color.BLACK);
        g.drawString("never", x0 + 20, y0 + PANEL + 22);
    }

    /** Blue (−1) through white (0) to red (+1), clipped. */
    static Color colour(double v) {
        double t = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }

    /** The 99th percentile of |values| (the largest few would wash out the rest), at least the smallest positive float. */
    static double scale(float[] values) {
        float[] magnitudes = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            magnitudes[k] = Math.abs(values[k]);
        }
        Arrays.sort(magnitudes);
        double p99 = magnitudes.length == 0 ? 0 : magnitudes[(int) Math.min(magnitudes.length - 1, 0.99 * magnitudes.length)];
        if (p99 == 0 && magnitudes.length > 0) {
            p99 = magnitudes[magnitudes.length - 1];
        }
        return Math.max(p99, Float.MIN_NORMAL);
    }
}
