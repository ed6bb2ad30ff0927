package org.vestis.cli;

import org.vestis.io.OutputFiles;
import org.vestis.UserException;
import org.vestis.model.ModelBundle;
import org.vestis.photo.BatchPredictor;
import org.vestis.photo.PhotoPreprocessor;
import org.vestis.model.Prediction;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.ModelFiles;
import org.vestis.video.garment.GarmentModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * `vestis predict MODEL IMAGE...|DIR`: the top-k labels of each photo, optionally into a CSV; with a garment model,
 * each person in each photo with their five garment slots ({@link GarmentPhotoPredictor}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Print the top labels with confidence for images or folders of images.")
final class PredictCommand implements Callable<Integer> {
    private static final int BATCH = 64;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model bundle directory (e.g. models/fashion-mnist-cnn).")
    Path model;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE|DIR", description = "Image files or folders (JPEG, PNG, BMP, GIF).")
    List<Path> inputs;
    @Option(names = "--top", defaultValue = "3", description = "How many labels to show per image (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--csv", description = "Also write the predictions to this CSV file.")
    Path csv;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new UserException("--top must be at least 1.");
        }
        if (csv != null && !Files.isDirectory(csv.toAbsolutePath().getParent())) {
            throw new UserException("The folder for --csv " + csv + " does not exist; create it first or write the CSV elsewhere.");
        }
        if (csv != null && Files.isDirectory(csv)) {
            throw new UserException("--csv " + csv + " is a folder; give the name of the CSV file to write.");
        }
        ModelBundle bundle = ModelBundle.load(model).forInference();
        top = Math.min(top, bundle.info().labels().size());
        Optional<GarmentModel> garments = GarmentModel.forBundle(model, new CropClassifier(bundle), ModelFiles.standard());
        List<Path> files = expand(inputs);
        if (garments.isPresent()) {
            try (GarmentPhotoPredictor people = new GarmentPhotoPredictor(garments.get())) {
                return withCsv(GarmentPhotoPredictor.CSV_HEADER, files.size(), out -> {
                    int failures = 0;
                    for (Path f : files) {
                        failures += people.predict(f, out) ? 0 : 1;
                        flush(out);
                    }
                    return failures;
                });
            }
        }
        BatchPredictor<BufferedImage> classifier = BatchPredictor.photos(bundle, BATCH);
        return withCsv(csvHeader(), files.size(), out -> predictLabels(classifier, files, out));
    }

    /** Writes predictions, into the CSV too when --csv is given (a temporary name, renamed at the end); returns the exit code. */
    private int withCsv(String header, int fileCount, Predictions predictions) throws IOException {
        Path tmpCsv = csv == null ? null : Files.createTempFile(csv.toAbsolutePath().getParent(), csv.getFileName().toString(), ".part");
        int failures;
        try (BufferedWriter out = tmpCsv == null ? null : Files.newBufferedWriter(tmpCsv)) {
            if (out != null) {
                OutputFiles.readableByOthers(tmpCsv);
                out.write(header);
            }
            failures = predictions.write(out);
        } finally {
            if (tmpCsv != null) {
                OutputFiles.publish(tmpCsv, csv);
            }
        }
        if (failures > 0) {
            System.err.printf("vestis: %d of %d images could not be decoded.%n", failures, fileCount);
            return VestisCommand.USER_ERROR;
        }
        return 0;
    }

    /** Prints (and writes to {@code csv} when not null) the predictions of every file; returns how many could not be decoded. */
    private interface Predictions {
        int write(BufferedWriter csv) throws IOException;
    }

    /** One label list per photo, in batches. */
    private int predictLabels(BatchPredictor<BufferedImage> classifier, List<Path> files, BufferedWriter out) throws IOException {
        int failures = 0;
        for (int start = 0; start < files.size(); start += BATCH) {
            List<Path> batch = new ArrayList<>();
            List<BufferedImage> images = new ArrayList<>();
            for (Path f : files.subList(start, Math.min(files.size(), start + BATCH))) {
                try {
                    images.add(PhotoPreprocessor.read(f));
                    batch.add(f);
                } catch (UserException e) {
                    System.err.println("vestis: " + e.getMessage());
                    failures++;
                }
            }
            if (images.isEmpty()) {
                continue;
            }
            List<Prediction> predictions = classifier.predict(images, top);
            for (int i = 0; i < batch.size(); i++) {
                System.out.println(batch.get(i) + ": " + describe(predictions.get(i)));
                if (out != null) {
                    out.write(csvRow(batch.get(i), predictions.get(i)));
                }
            }
            flush(out);
        }
        return failures;
    }

    private static void flush(BufferedWriter out) throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    private static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(PredictCommand::looksLikeImage).sorted().forEach(files::add);
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new UserException("Image or folder " + p + " does not exist.");
            }
        }
        if (files.isEmpty()) {
            throw new UserException("No images (JPEG, PNG, BMP, GIF) found in " + inputs + ".");
        }
        return files;
    }

    private static boolean looksLikeImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp") || n.endsWith(".gif");
    }

    private static String describe(Prediction p) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < p.top().size(); i++) {
            Prediction.Ranked r = p.top().get(i);
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%", r.label(), 100 * r.probability()));
        }
        return s.toString();
    }

    private String csvHeader() {
        StringBuilder s = new StringBuilder("file");
        for (int i = 1; i <= top; i++) {
            s.append(",label").append(i).append(",confidence").append(i);
        }
        return s.append('\n').toString();
    }

    private static String csvRow(Path file, Prediction p) {
        StringBuilder s = new StringBuilder(quote(file.toString()));
        for (Prediction.Ranked r : p.top()) {
            s.append(',').append(quote(r.label())).append(String.format(Locale.ROOT, ",%.4f", r.probability()));
        }
        return s.append('\n').toString();
    }

    static String quote(String v) {
        boolean needsQuotes = v.contains(",") || v.contains("\"") || v.contains("\n");
        return needsQuotes ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
