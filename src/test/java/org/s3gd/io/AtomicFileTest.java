package org.s3gd.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path folder;

    @Test
    void aWriteReplacesTheFileWholeAndLeavesNothingElse() throws IOException {
        Path file = folder.resolve("epochs.csv");
        Files.writeString(file, "old");

        AtomicFile.writeString(file, "new content");

        assertThat(file).hasContent("new content");
        assertThat(entries()).containsExactly(file);
    }

    @Test
    void aWriteThatFailsMidwayKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        Path file = folder.resolve("checkpoint.s3gd");
        Files.writeString(file, "epoch 2");

        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(file).hasContent("epoch 2");
        assertThat(entries()).as("no temporary file left").containsExactly(file);
    }

    @Test
    void aRenameThatFailsRemovesTheTemporaryFileAndSaysWhy() throws IOException {
        Path blocked = Files.createDirectories(folder.resolve("loss.png"));
        Files.writeString(blocked.resolve("inside"), "x");

        assertThatThrownBy(() -> AtomicFile.write(blocked, new byte[] {1, 2, 3}))
            .isInstanceOf(FileSystemException.class)
            .satisfies(e -> assertThat(AtomicFile.reason(e)).isEqualTo("Is a directory"));

        assertThat(entries()).containsExactly(blocked);
    }

    @Test
    void theReasonIsTheFileSystemsOwnWordsHoweverDeepALibraryWrappedThem() {
        IOException wrapped = new IIOException("I/O error writing PNG file!",
            new FileSystemException("/runs/a/loss.png", null, "No space left on device"));

        assertThat(AtomicFile.reason(wrapped)).isEqualTo("No space left on device");
        assertThat(AtomicFile.reason(new IOException("No space left on device"))).isEqualTo("No space left on device");
    }

    @Test
    void onlyTheTemporaryFilesItMakesAreRecognisedAsSuch() {
        assertThat(AtomicFile.isTemporary(Path.of("checkpoint.s3gd.0a1b2c3d.tmp"))).isTrue();
        assertThat(AtomicFile.isTemporary(Path.of("notes.tmp"))).isFalse();
        assertThat(AtomicFile.isTemporary(Path.of("checkpoint.s3gd"))).isFalse();
    }

    private java.util.List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
