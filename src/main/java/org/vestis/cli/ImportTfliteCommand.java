package org.vestis.cli;

import org.vestis.model.ModelBundle;
import org.vestis.interop.tflite.TfliteImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `vestis import tflite FILE --labels FILE --out models/NAME`: a TensorFlow Lite MobileNet as a DL4J bundle. */
@Command(name = "tflite", mixinStandardHelpOptions = true,
        description = "Import a TensorFlow Lite MobileNet v1 or v2 classifier (float or uint8) into a DL4J bundle.")
final class ImportTfliteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The .tflite file.")
    Path file;
    @Option(names = "--labels", required = true, description = "Labels, one per line in output order (e.g. imagenet_labels.txt).")
    Path labels;
    @Option(names = "--dataset", defaultValue = "imagenet", description = "What the model was trained on, recorded in model.json (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--out", required = true, description = "Bundle directory to write (e.g. models/mobilenetv2-imagenet).")
    Path out;

    @Option(names = "--overwrite", description = "Replace a bundle already at --out (the old one is kept as NAME.previous).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        ModelBundle.checkWritable(out, overwrite); // before the import's work
        long start = System.nanoTime();
        ModelBundle bundle = TfliteImporter.importBundle(file, labels, out.getFileName().toString(), dataset, VestisCommand.invocation);
        bundle.save(out, null);
        System.out.printf("Imported %s as %s (%d classes, %d parameters) into %s in %.1f s%n", file.getFileName(),
                bundle.info().backbone(), bundle.info().labels().size(), bundle.graph().numParams(), out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
