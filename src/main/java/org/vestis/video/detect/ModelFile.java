package org.vestis.video.detect;

/**
 * A model file the detectors need but the repository does not hold.
 *
 * @param path   where it lives inside a models directory, laid out like the shared pretrained/ folder
 *               (e.g. "yolo-fastest-1.1_body/yolo-fastest-1.1_body.weights")
 * @param url    its public source, pinned to a commit so the bytes never change under the checksum
 * @param sha256 the SHA-256 of its bytes
 */
public record ModelFile(String path, String url, String sha256) {

    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
