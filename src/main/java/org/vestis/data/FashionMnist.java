package org.vestis.data;

import org.vestis.io.RemoteFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Fashion-MNIST files, labels and loading. Where the files come from is {@link FashionMnistLocator}'s job. */
public final class FashionMnist {
    public static final List<String> LABELS = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** The official files and their SHA-256 (the official README publishes MD5s; these hash the same bytes). */
    public static final List<RemoteFile> FILES = List.of(
            new RemoteFile(TRAIN_IMAGES, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            new RemoteFile(TRAIN_LABELS, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            new RemoteFile(TEST_IMAGES, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            new RemoteFile(TEST_LABELS, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));
    /** Images are SIZE x SIZE pixels. */
    public static final int SIZE = 28;
    public static final String OFFICIAL_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    private FashionMnist() {
    }

    public static Dataset train(Path dir) {
        return load(file(dir, TRAIN_IMAGES), file(dir, TRAIN_LABELS));
    }

    public static Dataset test(Path dir) {
        return load(file(dir, TEST_IMAGES), file(dir, TEST_LABELS));
    }

    /** One of the four files in {@code dir}: under its official .gz name, or unpacked under the name without .gz. */
    public static Path file(Path dir, String gzName) {
        Path gz = dir.resolve(gzName);
        Path unpacked = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        return !Files.isRegularFile(gz) && Files.isRegularFile(unpacked) ? unpacked : gz;
    }

    public static Dataset load(Path imagesFile, Path labelsFile) {
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        byte[] labels = IdxReader.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new org.vestis.UserException(String.format("%s holds %d images but %s holds %d labels; one of them is from another set.",
                    imagesFile, images.count(), labelsFile, labels.length));
        }
        for (byte l : labels) {
            if ((l & 0xff) >= LABELS.size()) {
                throw new org.vestis.UserException(labelsFile + " holds label " + (l & 0xff) + "; Fashion-MNIST has 10 classes (0-9).");
            }
        }
        if (images.rows() != SIZE || images.cols() != SIZE) {
            throw new org.vestis.UserException(String.format("%s holds %dx%d images; Fashion-MNIST images are %dx%d.",
                    imagesFile, images.rows(), images.cols(), SIZE, SIZE));
        }
        return new Dataset(images.pixels(), labels, images.rows(), images.cols(), LABELS.size());
    }
}
