package org.vestis.video.pipeline;

import org.vestis.video.detect.DetectorSettings;

import java.nio.file.Path;

/**
 * Everything a video pipeline is built from, settled and checked: a config's pipeline section with the command's
 * flags applied ({@code PipelineConfig.spec()}). {@link PipelineFactory} builds the parts from it.
 *
 * @param model            the model bundle that labels the crops (a garment model when it holds garments.json)
 * @param detector         the detector's name (one of {@code Detectors.NAMES})
 * @param detectorSettings its settings, the score it reports from included
 * @param confidentScore   the score of a confident detection (min-score, or the detector's own default): one that may
 *                         start a track, and the score a single photo's detector reports from
 * @param settings         the tracker, the smoothing and the look budget
 * @param stride           every k-th frame of a file is processed
 * @param blurFaces        faces are blurred in the annotated video
 * @param maxMisses        frames a track may go unseen before it ends (the MOTChallenge file interpolates gaps up to it)
 */
public record PipelineSpec(Path model, String detector, DetectorSettings detectorSettings, double confidentScore,
                           PipelineSettings settings, int stride, boolean blurFaces, int maxMisses) {

    /**
     * Another detector with the same detector settings and thresholds, to compare detectors at equal settings (the
     * pipeline benchmark). A config that names the detector gets that detector's own default scores instead.
     */
    public PipelineSpec withDetector(String name) {
        return new PipelineSpec(model, name, detectorSettings, confidentScore, settings, stride, blurFaces, maxMisses);
    }

    /** The same spec for another model bundle. */
    public PipelineSpec withModel(Path bundle) {
        return new PipelineSpec(bundle, detector, detectorSettings, confidentScore, settings, stride, blurFaces, maxMisses);
    }
}
