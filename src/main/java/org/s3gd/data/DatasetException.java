package org.s3gd.data;

import org.s3gd.S3gdException;

/**
 * A data set file is missing, unreadable or not what its format promises.
 *
 * <p>Every message starts with the file it is about, then, where known, the place inside it
 * (byte offset, sample, entry) and then what was expected and what was found, for example
 * {@code shd_test.h5: sample 123: unit id 800 out of range [0, 700)}.
 */
public class DatasetException extends S3gdException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <source>: <problem>}. */
    public static DatasetException in(Object source, String problem) {
        return new DatasetException(source + ": " + problem);
    }

    /** {@code <source>: sample <index>: <problem>}. */
    public static DatasetException atSample(Object source, long sample, String problem) {
        return new DatasetException(source + ": sample " + sample + ": " + problem);
    }

    /** {@code <source>: offset <offset>: <problem>}. */
    public static DatasetException atOffset(Object source, long offset, String problem) {
        return new DatasetException(source + ": offset " + offset + ": " + problem);
    }
}
