package org.s3gd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubsetDatasetTest {
    private final InMemoryDataset data = TestDatasets.random(10, 5, 4, 3, 1);

    @Test
    void aSubsetShowsTheChosenSamplesInOrderOnTheSameGrid() {
        SubsetDataset subset = SubsetDataset.of(data, new int[] {7, 2});
        assertThat(subset.size()).isEqualTo(2);
        assertThat(subset.sample(0)).isSameAs(data.sample(7));
        assertThat(subset.label(1)).isEqualTo(data.label(2));
        assertThat(subset.inputs()).isEqualTo(5);
        assertThat(subset.steps()).isEqualTo(4);
        assertThat(subset.classes()).isEqualTo(3);
        assertThat(subset.name()).isEqualTo("random[2 of 10]");
    }

    @Test
    void theFirstNSamplesAreAtMostTheWholeSet() {
        assertThat(SubsetDataset.first(data, 3).size()).isEqualTo(3);
        assertThat(SubsetDataset.first(data, 30).size()).isEqualTo(10);
        assertThat(SubsetDataset.first(data, 3).sample(2)).isSameAs(data.sample(2));
    }

    @Test
    void indicesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> SubsetDataset.of(data, new int[] {10}))
            .isInstanceOf(IndexOutOfBoundsException.class)
            .hasMessage("random: sample 10 out of range [0, 10)");
    }
}
