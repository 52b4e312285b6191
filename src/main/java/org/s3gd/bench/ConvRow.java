package org.s3gd.bench;

/**
 * One convolutional layer timed dense against sparse ({@link ConvWorkload}): times in ms (median
 * and quartiles), the bytes each backward keeps from its forward.
 *
 * @param dataset     the data set whose images feed the layer
 * @param layer       input shape → layer → output shape
 * @param source      where the input came from (real files or synthetic)
 * @param activity    active entries / (B·T·N) of the layer
 * @param repetitions timed rounds
 */
public record ConvRow(String dataset, String layer, String source, int batch, int steps, double inputRate, double activity,
                      LayerTiming.Stat denseForward, LayerTiming.Stat sparseForward, LayerTiming.Stat denseBackward,
                      LayerTiming.Stat sparseBackward, long denseBytes, long sparseBytes, int repetitions) {
    /** ALGORITHM.md §4: dense backward time / sparse backward time. */
    public double backwardSpeedup() {
        return denseBackward.median() / sparseBackward.median();
    }

    /** (forward + backward) dense / (forward + backward) sparse. */
    public double overallSpeedup() {
        return (denseForward.median() + denseBackward.median()) / (sparseForward.median() + sparseBackward.median());
    }

    /** (1 − sparse / dense kept bytes)·100 %. */
    public double memoryReductionPercent() {
        return (1 - (double) sparseBytes / denseBytes) * 100;
    }
}
