package org.s3gd;

/** The root of every error s3gd reports about its input or configuration. */
public class S3gdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public S3gdException(String message) {
        super(message);
    }

    public S3gdException(String message, Throwable cause) {
        super(message, cause);
    }
}
