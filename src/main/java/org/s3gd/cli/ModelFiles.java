package org.s3gd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.s3gd.data.DatasetId;
import org.s3gd.nir.NirFile;
import org.s3gd.train.Checkpoint;
import org.s3gd.train.NirModels;
import org.s3gd.train.TrainedModel;
import org.s3gd.train.TrainingConfig;
import org.s3gd.train.output.RunManifest;
import org.s3gd.train.output.RunSetup;

/** What {@code eval}, {@code predict} and {@code export} take as a model: a run folder, a checkpoint file or a NIR file. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Whether {@code path} is a NIR file (HDF5) rather than a run folder or checkpoint. */
    static boolean isNir(Path path) {
        return NirFile.isHdf5(path);
    }

    /**
     * The model at {@code path}. A NIR file that s3gd did not write needs {@code dataset}: its data
     * are then read with that data set's preset (Δt, T, readout mode; N-MNIST's polarities apart
     * where the network reads 2×34×34).
     *
     * @throws IllegalArgumentException when such a file comes without a data set (a usage error)
     */
    static TrainedModel load(Path path, DatasetId dataset) {
        if (!isNir(path)) {
            return Checkpoint.load(path).model();
        }
        TrainingConfig fallback = TrainingConfig.preset(dataset != null ? dataset : DatasetId.SYNTHETIC);
        TrainedModel model = NirModels.read(path, fallback);
        if (dataset != null && model.config().dataset() != dataset) {
            model = new TrainedModel(NirModels.readingFor(fallback, model.networkConfig()), model.provenance(), model.epochs(),
                model.testAccuracy(), model.networkConfig(), model.weights());
        } else if (dataset == null && model.config() == fallback) {
            throw new IllegalArgumentException(path + " does not say which data set its network reads (s3gd did not write it); "
                + "give --dataset");
        }
        return model;
    }

    /** The setup a run recorded beside the checkpoint {@code path} (none for a NIR file). */
    static Optional<RunSetup> recorded(Path path) {
        if (isNir(path)) {
            return Optional.empty();
        }
        Path runFolder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        return runFolder != null ? RunManifest.readSetup(runFolder) : Optional.empty();
    }
}
