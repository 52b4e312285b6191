package org.s3gd.train.output;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Log y axes that can be read between their decades: labelled at 1, 2, … 9 × 10ᵏ, not only at
 * the decades, so that 15× or 144× can be read off, and ending at a step of 1, 2 or 5 × 10ᵏ beyond
 * the values so that both ends carry a label. Over more than two decades the labels at 6, 7, 8, 9
 * × 10ᵏ would be printed on top of each other: such an axis is labelled at its decades and ends at
 * the decades around the values.
 */
public final class LogAxes {
    private LogAxes() {
    }

    /**
     * The title of an x axis of B_th = 1 − b_th on a log scale, naming the b_th the paper speaks of
     * beside the B_th plotted, largest B_th first: {@code B_th = 1 − b_th (log scale; b_th = 0.8,
     * 0.99 is B_th = 0.2, 0.01)}.
     */
    public static String thresholdTitle(List<BigDecimal> thresholds) {
        List<BigDecimal> sorted = thresholds.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        String bth = sorted.stream().map(v -> BigDecimal.ONE.subtract(v).stripTrailingZeros().toPlainString())
            .collect(Collectors.joining(", "));
        String oneMinus = sorted.stream().map(v -> v.stripTrailingZeros().toPlainString()).collect(Collectors.joining(", "));
        return "B_th = 1 − b_th (log scale; b_th = " + bth + " is B_th = " + oneMinus + ")";
    }

    /** The most decades an axis labelled between its decades may span. */
    static final double LABELLED_DECADES = 2;

    /**
     * Makes {@code chart}'s y axis logarithmic, labelled at 1, 2, … 9 × 10ᵏ, from the step of 1, 2
     * or 5 × 10ᵏ below the smallest of {@code values} to the one above the largest; over more than
     * {@value #LABELLED_DECADES} decades, labelled at the decades from the one below the smallest
     * to the one above the largest. Values that are not positive and finite are left out.
     */
    @SafeVarargs
    public static void y(Chart<? extends AxesChartStyler, ?> chart, List<Double>... values) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (List<Double> series : values) {
            for (double v : series) {
                if (v > 0 && Double.isFinite(v)) {
                    smallest = Math.min(smallest, v);
                    largest = Math.max(largest, v);
                }
            }
        }
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false);
        if (largest == 0) {
            return;
        }
        double bottom = step(smallest, false);
        double top = step(largest, true);
        if (Math.log10(top / bottom) > LABELLED_DECADES + 1e-9) {
            bottom = Math.pow(10, Math.floor(Math.log10(smallest * (1 - 1e-12))));
            top = Math.pow(10, Math.ceil(Math.log10(largest * (1 - 1e-12))));
            chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        }
        chart.getStyler().setYAxisMin(bottom).setYAxisMax(top);
    }

    /** The nearest of 1, 2, 5 × 10ᵏ strictly below {@code value}, or at or above it. */
    public static double step(double value, boolean up) {
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        double[] multiples = {0.5, 1, 2, 5, 10, 20};
        if (up) {
            for (double m : multiples) {
                if (m * decade >= value * (1 - 1e-12)) {
                    return m * decade;
                }
            }
        } else {
            for (int i = multiples.length - 1; i >= 0; i--) {
                if (multiples[i] * decade < value * (1 - 1e-12)) {
                    return multiples[i] * decade;
                }
            }
        }
        return value;
    }
}
