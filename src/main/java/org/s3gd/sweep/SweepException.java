package org.s3gd.sweep;

import org.s3gd.S3gdException;

/** A sweep that cannot be planned, run or read: a bad spec, a folder holding another sweep, a cluster that cannot be reached; the message names the file and field or the cause. */
public class SweepException extends S3gdException {
    private static final long serialVersionUID = 1L;

    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
