package org.s3gd.train;

import org.s3gd.S3gdException;

/** A configuration file that cannot be used: unreadable, not JSON, an unknown field, a wrong type or value; the message names the file and the field. */
public class ConfigException extends S3gdException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
