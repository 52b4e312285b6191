package org.s3gd;

/** The root of s3gd's own exceptions: a problem with the user's input or environment, told in words. */
public class S3gdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public S3gdException(String message) {
        super(message);
    }

    public S3gdException(String message, Throwable cause) {
        super(message, cause);
    }
}
