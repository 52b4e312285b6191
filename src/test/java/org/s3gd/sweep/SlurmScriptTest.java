package org.s3gd.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A resubmission rewrites the directives of the sweep's script, and only those. */
class SlurmScriptTest {
    private static final Path SWEEP = Path.of("/shared/sweeps/bth");

    private static String script(String time, String partition) {
        return SlurmScript.text(SWEEP, new SlurmOptions(partition, time, 2, "4G"), List.of("java", "-cp", "s3gd.jar",
            "org.s3gd.cli.S3gd"), List.of());
    }

    @Test
    void aNewTimeLimitReplacesTheOldOneAndLeavesTheRestAsItWas() {
        String before = script("1:00:00", null);
        String after = SlurmScript.withDirective(before, "time", "4:00:00");
        assertThat(after).contains("#SBATCH --time=4:00:00\n").doesNotContain("--time=1:00:00");
        assertThat(after.replace("--time=4:00:00", "--time=1:00:00")).isEqualTo(before);
    }

    @Test
    void anOptionTheScriptDidNotSetGoesAfterItsLastDirective() {
        String before = script(null, null);
        String after = SlurmScript.withDirective(before, "partition", "gpu");
        List<String> lines = after.lines().toList();
        int added = lines.indexOf("#SBATCH --partition=gpu");
        assertThat(added).isPositive();
        assertThat(lines.get(added - 1)).startsWith("#SBATCH ");
        assertThat(lines.get(added + 1)).doesNotStartWith("#SBATCH ");
        assertThat(lines.get(0)).isEqualTo("#!/bin/bash");
        assertThat(after.replace("#SBATCH --partition=gpu\n", "")).isEqualTo(before);
    }

    @Test
    void aValueThatIsNotOneWordIsRefusedRatherThanWrittenIntoTheScript() {
        String before = script("10", null);
        for (String bad : new String[] {"5 0", "", "1:00\nrm -rf /"}) {
            assertThatThrownBy(() -> SlurmScript.withDirective(before, "time", bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--time takes one word");
        }
    }
}
