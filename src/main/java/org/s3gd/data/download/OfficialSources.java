package org.s3gd.data.download;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.s3gd.data.DatasetId;
import org.s3gd.data.fmnist.FashionMnistFile;

/**
 * Where each data set is published, and the checksums that are known for it.
 *
 * <ul>
 *   <li>Fashion-MNIST: the {@code data/fashion} folder of github.com/zalandoresearch/fashion-mnist
 *       (the official README also links an S3 mirror). Checked by the SHA-256 of the decompressed
 *       IDX bytes, which s3gd embeds ({@link FashionMnistFile}); the README's MD5s of the
 *       {@code .gz} files do not survive re-compression, e.g. by Debian.</li>
 *   <li>N-MNIST: Mendeley Data, doi:10.17632/468j46mzdv.1, linked from the authors' page
 *       garrickorchard.com/datasets/n-mnist. The authors publish no checksum; the MD5s here are the
 *       ones the Tonic library checks against the same Mendeley files.</li>
 *   <li>SHD: zenkelab.org/datasets, which also serves {@code md5sums.txt} for its {@code .h5.gz}
 *       files; s3gd fetches and applies it (see {@link DatasetDownloads}). The MD5 of the
 *       decompressed {@code shd_test.h5} is known and checked; none is known here for
 *       {@code shd_train.h5}.</li>
 * </ul>
 */
public final class OfficialSources {
    public static final URI FASHION_MNIST = URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/");
    public static final URI NMNIST = URI.create("https://data.mendeley.com/public-files/datasets/468j46mzdv/files/");
    public static final URI SHD = URI.create("https://zenkelab.org/datasets/");

    /** MD5 of the decompressed official {@code shd_test.h5} (2,264 samples). */
    public static final String SHD_TEST_H5_MD5 = "207ad1295a0ab611e22d1734989c254e";

    private OfficialSources() {
    }

    /** The files of {@code dataset} at their official addresses. */
    public static List<RemoteFile> files(DatasetId dataset) {
        return switch (dataset) {
            case SYNTHETIC -> List.of();
            case FASHION_MNIST -> java.util.Arrays.stream(FashionMnistFile.values())
                .map(f -> new RemoteFile(FASHION_MNIST.resolve(f.gzipName()), f.gzipName(),
                    Optional.of(Checksum.ofContent("SHA-256", f.contentSha256(), "content of the official " + f.baseName()))))
                .toList();
            case NMNIST -> List.of(
                new RemoteFile(NMNIST.resolve("39c25547-014b-4137-a934-9d29fa53c7a0/file_downloaded"), "Train.zip",
                    Optional.of(Checksum.ofFile("MD5", "20959b8e626244a1b502305a9e6e2031", "Train.zip on Mendeley Data, as checked by Tonic"))),
                new RemoteFile(NMNIST.resolve("05a4d654-7e03-4c15-bdfa-9bb2bcbea494/file_downloaded"), "Test.zip",
                    Optional.of(Checksum.ofFile("MD5", "69ca8762b2fe404d9b9bad1103e97832", "Test.zip on Mendeley Data, as checked by Tonic"))));
            case SHD -> List.of(
                new RemoteFile(SHD.resolve("shd_train.h5.gz"), "shd_train.h5.gz", Optional.empty()),
                new RemoteFile(SHD.resolve("shd_test.h5.gz"), "shd_test.h5.gz", Optional.empty()));
        };
    }

    /** The folder whose {@code md5sums.txt} lists the files' MD5s, where the publisher has one. */
    public static Optional<URI> checksumList(DatasetId dataset) {
        return dataset == DatasetId.SHD ? Optional.of(SHD.resolve("md5sums.txt")) : Optional.empty();
    }
}
