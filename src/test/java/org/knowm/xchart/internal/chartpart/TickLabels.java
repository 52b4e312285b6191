package org.knowm.xchart.internal.chartpart;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The tick labels XChart draws on a chart's axes, for tests: XChart computes them while painting
 * and keeps them in package-private parts, hence this class in XChart's package (test code only).
 */
public final class TickLabels {
    private TickLabels() {
    }

    /** The labels drawn under the x axis, left to right. */
    public static List<String> x(Chart<?, ?> chart) {
        paint(chart);
        return labels(chart.getXAxis(), chart.getXAxis().getBounds().getWidth());
    }

    /** The labels drawn beside the y axis, bottom to top. */
    public static List<String> y(Chart<?, ?> chart) {
        paint(chart);
        return labels(chart.getYAxis(), chart.getYAxis().getBounds().getHeight());
    }

    // The calculator also lists ticks just beyond the axis' ends, which are not drawn.
    private static List<String> labels(Axis<?, ?> axis, double length) {
        AxisTickCalculator ticks = axis.getAxisTickCalculator();
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < ticks.getTickLabels().size(); i++) {
            String label = ticks.getTickLabels().get(i);
            double at = ticks.getTickLocations().get(i);
            if (label != null && !label.isBlank() && at >= -0.5 && at <= length + 0.5) {
                drawn.add(label);
            }
        }
        return drawn;
    }

    private static void paint(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        try {
            chart.paint(graphics, chart.getWidth(), chart.getHeight());
        } finally {
            graphics.dispose();
        }
    }
}
