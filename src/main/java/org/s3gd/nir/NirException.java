package org.s3gd.nir;

import org.s3gd.S3gdException;

/** A NIR file that cannot be read or used, or written; the message names the file and, where one is at fault, the node and field. */
public class NirException extends S3gdException {
    private static final long serialVersionUID = 1L;

    public NirException(String message) {
        super(message);
    }

    public NirException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <file>: <problem>}. */
    public static NirException in(Object file, String problem) {
        return new NirException(file + ": " + problem);
    }
}
