package org.s3gd.data.fmnist;

/**
 * The four official Fashion-MNIST files, with the checksums that identify their content.
 *
 * <p>{@code contentSha256} is the SHA-256 of the decompressed IDX bytes: it holds for the official
 * download and for Debian's package {@code dataset-fashion-mnist}, whose gzip headers (name, time
 * stamp) differ. {@code gzipMd5} is the MD5 the official README lists for the compressed file, used
 * only to check a fresh download.
 */
public enum FashionMnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", 3,
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
    TRAIN_LABELS("train-labels-idx1-ubyte", 1,
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", "25c81989df183df01b3e8a0aad5dffbe"),
    TEST_IMAGES("t10k-images-idx3-ubyte", 3,
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", "bef4ecab320f06d8554ea6380940ec79"),
    TEST_LABELS("t10k-labels-idx1-ubyte", 1,
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", "bb300cfdad3c16e7a12a480ee83cd310");

    private final String baseName;
    private final int dimensions;
    private final String contentSha256;
    private final String gzipMd5;

    FashionMnistFile(String baseName, int dimensions, String contentSha256, String gzipMd5) {
        this.baseName = baseName;
        this.dimensions = dimensions;
        this.contentSha256 = contentSha256;
        this.gzipMd5 = gzipMd5;
    }

    /** File name without compression suffix, e.g. {@code train-images-idx3-ubyte}. */
    public String baseName() {
        return baseName;
    }

    /** File name of the official compressed download, e.g. {@code train-images-idx3-ubyte.gz}. */
    public String gzipName() {
        return baseName + ".gz";
    }

    public int dimensions() {
        return dimensions;
    }

    public String contentSha256() {
        return contentSha256;
    }

    public String gzipMd5() {
        return gzipMd5;
    }
}
