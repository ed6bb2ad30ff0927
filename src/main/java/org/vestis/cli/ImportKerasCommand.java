package org.vestis.cli;

import org.vestis.model.ModelBundle;
import org.vestis.interop.keras.KerasImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `vestis import keras FILE --out models/NAME`: a Keras 2.x .h5 classifier (Sequential or functional) as a DL4J bundle. */
@Command(name = "keras", mixinStandardHelpOptions = true,
        description = {"Import a Keras 2.x image classifier saved with model.save('model.h5') (Sequential or functional,",
                "softmax output, input height x width x 1 or 3) into a DL4J bundle."})
final class ImportKerasCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The .h5 file written by Keras' model.save.")
    Path file;
    @Option(names = "--out", required = true, description = "Bundle directory to write (e.g. models/keras-seed-cnn).")
    Path out;
    @Option(names = "--labels", description = "Labels, one per line in output order (default: the Fashion-MNIST labels for a 28x28x1 model with 10 outputs).")
    Path labels;
    @Option(names = "--dataset", description = "What the model was trained on, recorded in model.json (default: fashion-mnist for a 28x28x1 model with the Fashion-MNIST labels, else custom).")
    String dataset;
    @Option(names = "--normalisation", description = "How the model expects pixels: scale-0-1 (p / 255, the seeds' and Keras examples' x / 255.0; default) or minus-1-1 (p / 127.5 - 1, Keras' MobileNets).")
    String normalisation;

    @Option(names = "--overwrite", description = "Replace a bundle already at --out (the old one is kept as NAME.previous).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        ModelBundle.checkWritable(out, overwrite); // before the import's work
        long start = System.nanoTime();
        ModelBundle bundle = KerasImporter.importBundle(file, labels, out.getFileName().toString(), dataset, normalisation, VestisCommand.invocation);
        bundle.save(out, null);
        var in = bundle.info().input();
        System.out.printf("Imported %s (Keras %s, %dx%dx%d input, %d classes, %d parameters) into %s in %.1f s%n", file.getFileName(),
                bundle.info().training().get("modelClass"), in.height(), in.width(), in.channels(), bundle.info().labels().size(),
                bundle.model().numParams(), out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
