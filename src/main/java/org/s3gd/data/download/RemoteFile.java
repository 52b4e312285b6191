package org.s3gd.data.download;

import java.net.URI;
import java.util.Optional;

/**
 * A file of a data set as published.
 *
 * @param url      where it is published
 * @param fileName the name it gets in the data folder
 * @param checksum what its content must be; empty where no trustworthy value is known
 */
public record RemoteFile(URI url, String fileName, Optional<Checksum> checksum) {
    /** The same file fetched from {@code mirror} (a folder URL ending in {@code /}) under its file name. */
    public RemoteFile at(URI mirror) {
        return new RemoteFile(mirror.resolve(fileName), fileName, checksum);
    }
}
