package org.s3gd.train;

import java.util.Arrays;

/** Counts of (true class, predicted class) pairs; rows are true classes. */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;

    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    public void add(int label, int predicted) {
        counts[label * classes + predicted]++;
    }

    public int classes() {
        return classes;
    }

    public long count(int label, int predicted) {
        return counts[label * classes + predicted];
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    public long correct() {
        long sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += count(c, c);
        }
        return sum;
    }

    public double accuracy() {
        long total = total();
        return total == 0 ? 0 : (double) correct() / total;
    }

    /** Recall of class {@code c}: correct predictions among its samples. */
    public double recall(int c) {
        long row = 0;
        for (int p = 0; p < classes; p++) {
            row += count(c, p);
        }
        return row == 0 ? 0 : (double) count(c, c) / row;
    }

    /** The matrix as aligned text: one row per true class, one column per prediction, recall at the end. */
    public String format() {
        int width = Math.max(4, Long.toString(Arrays.stream(counts).max().orElse(0)).length() + 1);
        StringBuilder text = new StringBuilder(String.format("%-8s", "true\\pred"));
        for (int p = 0; p < classes; p++) {
            text.append(String.format("%" + width + "d", p));
        }
        text.append("  recall\n");
        for (int c = 0; c < classes; c++) {
            text.append(String.format("%-8d", c));
            for (int p = 0; p < classes; p++) {
                text.append(String.format("%" + width + "d", count(c, p)));
            }
            text.append(String.format("  %5.1f%%%n", 100 * recall(c)));
        }
        return text.toString();
    }
}
