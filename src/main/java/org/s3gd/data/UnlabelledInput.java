package org.s3gd.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.s3gd.data.fmnist.FashionMnist;
import org.s3gd.data.fmnist.IdxReader;
import org.s3gd.data.fmnist.LatencyEncoding;
import org.s3gd.data.nmnist.NmnistArchive;
import org.s3gd.data.nmnist.NmnistDecoder;
import org.s3gd.data.nmnist.NmnistEncoding;
import org.s3gd.data.shd.ShdEncoding;
import org.s3gd.data.shd.ShdReader;

/**
 * Samples to predict, read from files in any format s3gd reads, labels not needed: an N-MNIST
 * {@code .bin} file, a folder of them (searched through) or an N-MNIST {@code .zip}; an SHD
 * {@code .h5} or {@code .h5.gz} file ({@code /labels} may be absent); an IDX image file
 * (Fashion-MNIST's {@code *-images-idx3-ubyte}, raw or {@code .gz}). Each is encoded as the
 * model's data set is ({@link DatasetOptions}: Δt and T) and named: by its path under the folder
 * (or in the zip) for N-MNIST, by its index for SHD and IDX.
 *
 * @param names   one name per sample
 * @param samples the encoded samples, every label 0
 */
public record UnlabelledInput(List<String> names, SpikeDataset samples) {
    /** What {@link #read} accepts, in words. */
    public static final String FORMATS = "an N-MNIST .bin file, a folder of them or an N-MNIST .zip, "
        + "an SHD .h5 or .h5.gz file, or an IDX image file (Fashion-MNIST's *-images-idx3-ubyte, raw or .gz)";

    public UnlabelledInput {
        names = List.copyOf(names);
    }

    /**
     * Reads {@code input}, encoded with {@code options} (the model's Δt and T).
     *
     * @throws DatasetException naming the file: not found, not a supported format, corrupt
     */
    public static UnlabelledInput read(Path input, DatasetOptions options) {
        if (!Files.exists(input)) {
            throw DatasetException.in(input, "no such file or folder");
        }
        String name = input.getFileName() == null ? input.toString() : input.getFileName().toString();
        NmnistEncoding nmnist = new NmnistEncoding(Math.round(options.dtMillis() * 1000), options.steps(), options.keepPolarity());
        if (Files.isDirectory(input)) {
            return binFolder(input, nmnist);
        }
        if (name.endsWith(".bin")) {
            return bins(input.getParent() == null ? Path.of(".") : input.getParent(), List.of(input), nmnist);
        }
        if (name.endsWith(".zip")) {
            return zip(input, nmnist);
        }
        byte[] head = head(input);
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        byte[] bytes = gzip || isHdf5(head) || isIdx(head) ? contents(input, gzip) : null;
        if (bytes != null && isHdf5(bytes)) {
            InMemoryDataset shd = ShdReader.readUnlabelled(bytes, input.toString(), name,
                new ShdEncoding(options.dtMillis() / 1000, options.steps()));
            return new UnlabelledInput(indices(shd.size()), shd);
        }
        if (bytes != null && isIdx(bytes)) {
            var images = IdxReader.read(bytes, input.toString(), 3);
            List<SpikeSample> encoded = FashionMnist.encodeImages(images, LatencyEncoding.paper(options.dtMillis(), options.steps()));
            return new UnlabelledInput(indices(encoded.size()),
                new InMemoryDataset(name, FashionMnist.INPUTS, options.steps(), 1, encoded));
        }
        throw DatasetException.in(input, "not a format s3gd reads; expected " + FORMATS);
    }

    private static UnlabelledInput binFolder(Path folder, NmnistEncoding encoding) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".bin")
                && !f.getFileName().toString().startsWith("._")).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DatasetException.in(folder, "cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw DatasetException.in(folder, "holds no .bin files; expected " + FORMATS);
        }
        return bins(folder, files, encoding);
    }

    private static UnlabelledInput bins(Path folder, List<Path> files, NmnistEncoding encoding) {
        SpikeTrainBuilder builder = new SpikeTrainBuilder(encoding.steps(), encoding.inputs());
        List<String> names = new ArrayList<>();
        List<SpikeSample> samples = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw DatasetException.in(file, "cannot read: " + e.getMessage());
            }
            names.add(folder.relativize(file).toString().replace('\\', '/'));
            samples.add(NmnistDecoder.decode(bytes, bytes.length, 0, encoding, builder, file.toString()));
        }
        return new UnlabelledInput(names, new InMemoryDataset(folder.toString(), encoding.inputs(), encoding.steps(), 1, samples));
    }

    private static UnlabelledInput zip(Path zip, NmnistEncoding encoding) {
        try (NmnistArchive archive = NmnistArchive.open(zip)) {
            SpikeTrainBuilder builder = new SpikeTrainBuilder(encoding.steps(), encoding.inputs());
            List<String> names = new ArrayList<>();
            List<SpikeSample> samples = new ArrayList<>();
            for (int i = 0; i < archive.size(); i++) {
                byte[] bytes = archive.read(i);
                names.add(archive.name(i));
                samples.add(NmnistDecoder.decode(bytes, bytes.length, 0, encoding, builder, zip + ": '" + archive.name(i) + "'"));
            }
            if (samples.isEmpty()) {
                throw DatasetException.in(zip, "holds no .bin files");
            }
            return new UnlabelledInput(names, new InMemoryDataset(zip.toString(), encoding.inputs(), encoding.steps(), 1, samples));
        }
    }

    private static List<String> indices(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw DatasetException.in(file, "cannot read: " + e.getMessage());
        }
    }

    private static byte[] contents(Path file, boolean gzip) {
        try (InputStream raw = Files.newInputStream(file); InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw DatasetException.in(file, "cannot read" + (gzip ? " (gzip)" : "") + ": " + e.getMessage());
        }
    }

    private static boolean isHdf5(byte[] b) {
        return b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'H' && b[2] == 'D' && b[3] == 'F';
    }

    // IDX: two zero bytes, the type 0x08 (unsigned byte), three dimensions.
    private static boolean isIdx(byte[] b) {
        return b.length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0x08 && b[3] == 3;
    }
}
