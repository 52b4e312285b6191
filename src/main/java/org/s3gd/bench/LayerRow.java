package org.s3gd.bench;

/**
 * One measured layer: where its input came from, the first layer's activity, and the timing.
 *
 * @param dataset       the data set whose shape it has
 * @param source        real or synthetic input, in words
 * @param firstActivity active entries / (B·T·N) of the first hidden layer feeding it
 */
public record LayerRow(String dataset, String source, double firstActivity, LayerTiming.Result timing) {
}
