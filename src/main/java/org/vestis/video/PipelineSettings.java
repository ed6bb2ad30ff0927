package org.vestis.video;

/** The knobs of one pipeline run (from the config's pipeline section and flags). */
public record PipelineSettings(double minScore, int topN, double trackerIou, int confirmHits, int maxMisses, int queueSize) {
    public static final PipelineSettings DEFAULTS = new PipelineSettings(0.5, 5, 0.3, 3, 10, 4);
}
