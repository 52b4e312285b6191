package org.s3gd.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.s3gd.data.DatasetId;
import org.s3gd.data.synthetic.RandmanParameters;
import org.s3gd.io.AtomicFile;
import org.s3gd.model.BackwardMethod;
import org.s3gd.model.Initializer;
import org.s3gd.model.ReadoutMode;
import org.s3gd.model.RegularizerParameters;
import org.s3gd.model.Surrogate;

/**
 * The binary checkpoint format, big-endian:
 * <pre>
 * magic "S3GDCKPT" (8 bytes) · version (int) · payload length (long) · payload · CRC-32 of payload (long)
 * payload = configuration · provenance · inputs, classes, epochsDone (int) · adamSteps (long)
 *           · accuracies (double) · parameter count (int)
 *           · per parameter: name (UTF) · rows, cols (int) · value · m · v (rows·cols floats each)
 * </pre>
 * Version 4, written now, stores the configuration as its JSON ({@link ConfigJson}: length (int),
 * UTF-8 bytes), so that every setting a run can have is kept (convolutional, pooling and flatten
 * layers too, as their stack syntax {@code conv:32x5s1p0:sparse}, {@code maxpool:2}), and four accuracies: train,
 * validation, test and the best chosen one. Versions 1 and 2 stored a fixed list of settings in
 * binary and two accuracies (test and best test) and are still read: their runs had no validation
 * split, the paper's surrogate scale and regulariser strengths. Version 2 wrote the hidden layers
 * as a stack (count, then kind, width and method of each); version 1, written before recurrent
 * layers existed, wrote the widths and one method for all (its layers are fully connected).
 * Files are written with {@link AtomicFile}, so a reader sees the old checkpoint or the new one,
 * never a part.
 */
final class CheckpointFile {
    static final long MAGIC = 0x53_33_47_44_43_4B_50_54L; // "S3GDCKPT"
    static final int VERSION = 4;
    /** The format before layer stacks: widths and one method. */
    static final int WIDTHS_VERSION = 1;
    /** The binary configuration with the layers as a stack. */
    static final int STACK_VERSION = 2;

    private CheckpointFile() {
    }

    static void write(Checkpoint checkpoint, Path file) {
        byte[] payload = payload(checkpoint);
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer header = ByteBuffer.allocate(20).putLong(MAGIC).putInt(VERSION).putLong(payload.length);
        ByteBuffer trailer = ByteBuffer.allocate(8).putLong(crc.getValue());
        try {
            AtomicFile.write(file, out -> {
                out.write(header.array());
                out.write(payload);
                out.write(trailer.array());
            });
        } catch (IOException e) {
            throw CheckpointException.in(file, "cannot write checkpoint: " + AtomicFile.reason(e));
        }
    }

    static Checkpoint read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(Checkpoint.LATEST) : path;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CheckpointException.in(file, "no such checkpoint" + (Files.isDirectory(path)
                ? " (the folder has no " + Checkpoint.LATEST + "; did a run finish an epoch there?)" : ""));
        } catch (IOException e) {
            throw CheckpointException.in(file, "cannot read: " + e.getMessage());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < 28 || buffer.getLong() != MAGIC) {
            throw CheckpointException.in(file, "not an s3gd checkpoint (expected the magic number S3GDCKPT at offset 0)");
        }
        int version = buffer.getInt();
        if (version != VERSION && version != WIDTHS_VERSION && version != STACK_VERSION) {
            throw CheckpointException.in(file, "checkpoint format version " + version + ", this s3gd reads versions "
                + WIDTHS_VERSION + ", " + STACK_VERSION + " and " + VERSION + (version > VERSION ? " (written by a newer s3gd)" : ""));
        }
        long length = buffer.getLong();
        if (length != bytes.length - 28L) {
            throw CheckpointException.in(file, "truncated or padded: header says " + length + " bytes of payload, the file has "
                + (bytes.length - 28L));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 20, (int) length);
        long stored = ByteBuffer.wrap(bytes, 20 + (int) length, 8).getLong();
        if (stored != crc.getValue()) {
            throw CheckpointException.in(file, "damaged: CRC-32 " + Long.toHexString(crc.getValue()) + " does not match the stored "
                + Long.toHexString(stored));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 20, (int) length))) {
            return readPayload(in, version);
        } catch (EOFException e) {
            throw CheckpointException.in(file, "payload ends early");
        } catch (IOException | IllegalArgumentException e) {
            throw CheckpointException.in(file, "inconsistent content: " + e.getMessage());
        }
    }

    private static byte[] payload(Checkpoint c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] config = ConfigJson.write(c.config()).getBytes(StandardCharsets.UTF_8);
            out.writeInt(config.length);
            out.write(config);
            Provenance p = c.provenance();
            out.writeUTF(p.version());
            out.writeUTF(p.dataset());
            out.writeUTF(p.datasetChecksum());
            out.writeUTF(p.jvm());
            out.writeUTF(p.started());
            out.writeInt(c.inputs());
            out.writeInt(c.classes());
            out.writeInt(c.epochsDone());
            out.writeLong(c.adamSteps());
            out.writeDouble(c.trainAccuracy());
            out.writeDouble(c.validationAccuracy());
            out.writeDouble(c.testAccuracy());
            out.writeDouble(c.bestAccuracy());
            out.writeInt(c.parameters().size());
            for (ParameterState s : c.parameters()) {
                out.writeUTF(s.name());
                out.writeInt(s.rows());
                out.writeInt(s.cols());
                writeFloats(s.value(), out);
                writeFloats(s.firstMoment(), out);
                writeFloats(s.secondMoment(), out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static Checkpoint readPayload(DataInputStream in, int version) throws IOException {
        TrainingConfig config = version == VERSION ? readJsonConfig(in) : readConfig(in, version);
        Provenance provenance = new Provenance(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
        int inputs = in.readInt();
        int classes = in.readInt();
        int epochsDone = in.readInt();
        long adamSteps = in.readLong();
        double trainAccuracy = version == VERSION ? in.readDouble() : Double.NaN;
        double validationAccuracy = version == VERSION ? in.readDouble() : Double.NaN;
        double testAccuracy = in.readDouble();
        // Versions 1 and 2 chose best.s3gd on the test accuracy; a run resumed from one chooses afresh from here on.
        double bestAccuracy = in.readDouble();
        int count = in.readInt();
        if (count < 2 || count > 2 * config.layers().size() + 1) {
            throw new IOException("parameter count " + count + " for " + config.layers().size() + " hidden layers");
        }
        List<ParameterState> parameters = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            String name = in.readUTF();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows < 1 || cols < 1 || (long) rows * cols > in.available() / 4) {
                throw new IOException(name + ": shape " + rows + "×" + cols + " does not fit the remaining bytes");
            }
            int size = rows * cols;
            parameters.add(new ParameterState(name, rows, cols, readFloats(size, in), readFloats(size, in), readFloats(size, in)));
        }
        return new Checkpoint(config, provenance, inputs, classes, epochsDone, adamSteps, trainAccuracy, validationAccuracy,
            testAccuracy, bestAccuracy, parameters);
    }

    private static TrainingConfig readJsonConfig(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 2 || length > in.available()) {
            throw new IOException("configuration of " + length + " bytes");
        }
        byte[] json = new byte[length];
        in.readFully(json);
        try {
            return ConfigJson.config(new String(json, StandardCharsets.UTF_8));
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("configuration: " + ConfigJson.describe(e));
        }
    }

    // Versions 1 and 2: a fixed list of settings, in binary.
    private static TrainingConfig readConfig(DataInputStream in, int version) throws IOException {
        DatasetId dataset;
        try {
            dataset = DatasetId.byName(in.readUTF());
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage());
        }
        int steps = in.readInt();
        double dt = in.readDouble();
        double tauMem = in.readDouble();
        double tauReadout = in.readDouble();
        int depth = in.readInt();
        if (depth < 1 || depth > 1024) {
            throw new IOException("depth " + depth);
        }
        List<StackLayer> layers = version == WIDTHS_VERSION ? readWidths(in, depth) : readStack(in, depth);
        float bth = in.readFloat();
        ReadoutMode readout = ReadoutMode.valueOf(in.readUTF());
        Initializer initializer = Initializer.valueOf(in.readUTF());
        float upperRate = in.readFloat();
        int batch = in.readInt();
        double lr = in.readDouble();
        int epochs = in.readInt();
        long seed = in.readLong();
        int threads = in.readInt();
        RandmanParameters task = new RandmanParameters(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
            in.readInt(), in.readDouble(), in.readDouble(), in.readLong());
        // What those runs used: the paper's surrogate scale and regulariser strengths, no validation split.
        return new TrainingConfig(dataset, steps, dt, tauMem, tauReadout, layers, bth, readout, initializer,
            Surrogate.DEFAULT_SCALE, RegularizerParameters.paper(upperRate), 0, batch, lr, epochs, seed, threads, null, task, false, 0);
    }

    // Version 1: the widths, then one method for every (fully connected) layer.
    private static List<StackLayer> readWidths(DataInputStream in, int depth) throws IOException {
        List<Integer> widths = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            widths.add(in.readInt());
        }
        BackwardMethod method = BackwardMethod.valueOf(in.readUTF());
        return widths.stream().map(width -> StackLayer.lif(width, method)).toList();
    }

    private static List<StackLayer> readStack(DataInputStream in, int depth) throws IOException {
        List<StackLayer> layers = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            layers.add(StackLayer.parse(in.readUTF() + ":" + in.readInt() + ":" + in.readUTF().toLowerCase(java.util.Locale.ROOT),
                BackwardMethod.SPARSE));
        }
        return layers;
    }

    private static void writeFloats(float[] values, DataOutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    private static float[] readFloats(int count, DataInputStream in) throws IOException {
        byte[] raw = new byte[count * Float.BYTES];
        in.readFully(raw);
        float[] values = new float[count];
        ByteBuffer.wrap(raw).asFloatBuffer().get(values);
        return values;
    }
}
