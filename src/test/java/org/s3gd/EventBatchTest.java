package org.s3gd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.s3gd.tensor.EventBatch;

class EventBatchTest {
    @Test
    void entriesAreGroupedByStepAndGrowOnDemand() {
        EventBatch batch = new EventBatch(2, 3, 100, true);
        for (int k = 0; k < 40; k++) {
            batch.add(1, k, k * 0.5f);
        }
        batch.endStep(1, 0);
        batch.endStep(1, 1);
        batch.add(1, 99, 7f);
        batch.endStep(1, 2);
        assertThat(batch.count(0)).isZero();
        assertThat(batch.count(1)).isEqualTo(41);
        assertThat(batch.offsets(1)).containsExactly(0, 40, 40, 41);
        assertThat(batch.unit(1)[40]).isEqualTo(99);
        assertThat(batch.value(1)[39]).isEqualTo(19.5f);
        batch.resize(3);
        assertThat(batch.totalCount()).isZero();
    }
}
