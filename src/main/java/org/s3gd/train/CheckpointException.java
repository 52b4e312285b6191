package org.s3gd.train;

import org.s3gd.S3gdException;

/** A checkpoint or run folder is missing, unreadable, damaged or of another format; the message names the file. */
public class CheckpointException extends S3gdException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <file>: <problem>}. */
    public static CheckpointException in(Object file, String problem) {
        return new CheckpointException(file + ": " + problem);
    }
}
