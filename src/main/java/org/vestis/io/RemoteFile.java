package org.vestis.io;

/** A file we may download: its name and the SHA-256 its bytes must have. */
public record RemoteFile(String name, String sha256) {
}
