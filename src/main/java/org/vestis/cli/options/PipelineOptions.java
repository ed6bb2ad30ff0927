package org.vestis.cli.options;

import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The pipeline flags that `analyze` and `live` share, each overriding its key in the config's pipeline section, and
 * the one way both check them: the file first, then the file with the flags.
 */
public final class PipelineOptions {
    @Option(names = "--model", description = "Model bundle (overrides the config).")
    String model;
    @Option(names = "--detector", description = "full-frame, center, person, face-torso, hog or motion (overrides the config).")
    String detector;
    @Option(names = "--top-n", description = "Smooth each track's label over its N best frames.")
    Integer topN;
    @Option(names = "--min-score", description = "Score of a confident detection, one that may start a track (0..1).")
    Double minScore;

    /** --model as given, or null. */
    public String model() {
        return model;
    }

    /**
     * The pipeline section of {@code configFile}, validated, with these flags and the command's own ({@code commandFlags})
     * applied and validated again, so that a bad flag value is blamed on the flags, not on the file. Either check fails
     * with one sentence.
     */
    public PipelineConfig load(Path configFile, Consumer<PipelineConfig> commandFlags) {
        PipelineConfig c = ConfigLoader.load(configFile).pipeline;
        c.validate(configFile.toString());
        if (model != null) {
            c.model = model;
        }
        if (detector != null) {
            c.detector = detector;
        }
        if (topN != null) {
            c.topN = topN;
        }
        if (minScore != null) {
            c.minScore = minScore;
        }
        commandFlags.accept(c);
        c.validate("the command-line options");
        return c;
    }
}
