package org.s3gd.train.output;

import org.s3gd.S3gdException;

/** A run folder cannot be used: it holds another run, another process is writing it, or it cannot be written. */
public class RunFolderException extends S3gdException {
    private static final long serialVersionUID = 1L;

    public RunFolderException(String message) {
        super(message);
    }

    public RunFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
