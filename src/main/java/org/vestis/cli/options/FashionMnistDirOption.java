package org.vestis.cli.options;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --data-dir}: where the Fashion-MNIST files are (train, evaluate, make-video). Not the shop's folder of
 * {@code serve}, which has the same flag for another thing.
 */
public final class FashionMnistDirOption {
    @Option(names = "--data-dir", description = "Directory with the four Fashion-MNIST .gz files.")
    String dataDir;

    /** The directory given, or null: then {@link org.vestis.data.FashionMnistLocator} looks for the files. */
    public Path path() {
        return dataDir == null ? null : Path.of(dataDir);
    }

    /** The directory as given on the command line, or null. */
    public String value() {
        return dataDir;
    }
}
