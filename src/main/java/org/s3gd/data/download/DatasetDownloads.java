package org.s3gd.data.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetId;
import org.s3gd.data.GzipFiles;

/**
 * Downloads a whole data set into a folder ({@code s3gd data download <name>}), from its
 * official source or from a mirror that serves the same files under their names.
 */
public final class DatasetDownloads {
    private final Downloader downloader;

    public DatasetDownloads(Downloader downloader) {
        this.downloader = downloader;
    }

    /**
     * Fetches {@code dataset} into {@code directory}.
     *
     * @param mirror a folder URL ending in {@code /} that replaces the official addresses, or null
     * @return the files now in {@code directory}
     */
    public List<Path> download(DatasetId dataset, Path directory, URI mirror) {
        List<RemoteFile> files = OfficialSources.files(dataset);
        Map<String, String> published = publishedMd5s(dataset, mirror);
        List<Path> saved = new ArrayList<>();
        for (RemoteFile official : files) {
            RemoteFile file = mirror != null ? official.at(mirror) : official;
            String md5 = published.get(file.fileName());
            if (file.checksum().isEmpty() && md5 != null) {
                file = new RemoteFile(file.url(), file.fileName(), Optional.of(Checksum.ofFile("MD5", md5, "md5sums.txt of the publisher")));
            }
            saved.add(downloader.fetch(file, official.url(), directory));
        }
        if (dataset == DatasetId.SHD) {
            saved.add(gunzip(directory.resolve("shd_train.h5.gz"), directory.resolve("shd_train.h5"), null));
            saved.add(gunzip(directory.resolve("shd_test.h5.gz"), directory.resolve("shd_test.h5"),
                Checksum.ofFile("MD5", OfficialSources.SHD_TEST_H5_MD5, "the official shd_test.h5")));
        }
        return saved;
    }

    private Map<String, String> publishedMd5s(DatasetId dataset, URI mirror) {
        Map<String, String> md5s = new HashMap<>();
        Optional<URI> list = OfficialSources.checksumList(dataset).map(u -> mirror != null ? mirror.resolve("md5sums.txt") : u);
        list.flatMap(downloader::fetchText).ifPresent(text -> {
            for (String line : text.split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].matches("[0-9a-fA-F]{32}")) {
                    md5s.put(parts[1].replace("*", ""), parts[0]);
                }
            }
        });
        return md5s;
    }

    /** Decompresses into the data folder, atomically, unless done already. */
    private static Path gunzip(Path gz, Path target, Checksum expected) {
        if (!Files.isRegularFile(target)) {
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try {
                GzipFiles.decompress(gz, part);
                if (expected != null) {
                    try {
                        expected.verify(part);
                    } catch (DatasetException e) {
                        Files.deleteIfExists(part);
                        throw DatasetException.in(target, "decompressed file fails its check: " + e.getMessage());
                    }
                }
                Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw DatasetException.in(target, "cannot decompress " + gz + ": " + e.getMessage());
            }
        }
        return target;
    }
}
