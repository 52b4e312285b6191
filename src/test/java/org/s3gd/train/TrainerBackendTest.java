package org.s3gd.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.s3gd.backend.Backend;
import org.s3gd.backend.Backends;
import org.s3gd.data.DatasetSplit;
import org.s3gd.kernel.DenseLifKernel;
import org.s3gd.kernel.Gemm;
import org.s3gd.kernel.LifKernels;
import org.s3gd.kernel.ReadoutKernels;
import org.s3gd.kernel.SparseKernels;
import org.s3gd.kernel.VectorOps;

/** A library user hands a trainer the backend its network runs on; training and evaluation use it. */
class TrainerBackendTest {
    @Test
    void aTrainerGivenABackendTrainsOnItsKernels() {
        TrainingConfig config = TestRuns.small().withEpochs(1);
        DatasetSplit data = TestRuns.data(config);
        Provenance provenance = Provenance.now("test", "sha256:00");
        Counting counting = new Counting(Backends.scalar());

        Trainer trainer = new Trainer(config, data, provenance).using(counting);
        TrainedModel onCounting = trainer.train(new TrainingListener() { });
        TrainedModel onScalar = new Trainer(config, data, provenance).using(Backends.scalar()).train(new TrainingListener() { });

        assertThat(trainer.backend()).isSameAs(counting);
        assertThat(counting.asked.get()).as("kernels the layers asked the given backend for").isPositive();
        List<float[]> a = onCounting.weights();
        List<float[]> b = onScalar.weights();
        assertThat(a).hasSameSizeAs(b);
        for (int p = 0; p < a.size(); p++) {
            assertThat(a.get(p)).as("parameter %d, bit for bit the scalar backend's", p).containsExactly(b.get(p));
        }
        assertThat(new Trainer(config, data, provenance).backend().name()).isEqualTo(Backends.standard().name());
    }

    /** The scalar kernels, counting how often a layer asks for them. */
    private static final class Counting implements Backend {
        final Backend inner;
        final AtomicInteger asked = new AtomicInteger();

        Counting(Backend inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "counting " + inner.name();
        }

        @Override
        public LifKernels lif() {
            asked.incrementAndGet();
            return inner.lif();
        }

        @Override
        public ReadoutKernels readout() {
            asked.incrementAndGet();
            return inner.readout();
        }

        @Override
        public SparseKernels sparse() {
            asked.incrementAndGet();
            return inner.sparse();
        }

        @Override
        public DenseLifKernel denseLif() {
            asked.incrementAndGet();
            return inner.denseLif();
        }

        @Override
        public VectorOps vectors() {
            asked.incrementAndGet();
            return inner.vectors();
        }

        @Override
        public Gemm gemm() {
            asked.incrementAndGet();
            return inner.gemm();
        }
    }
}
