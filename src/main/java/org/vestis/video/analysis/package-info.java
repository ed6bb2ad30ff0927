/**
 * One input through the pipeline into its output files, as {@code vestis analyze} and the Spark job both run it:
 * the models loaded once ({@link org.vestis.video.analysis.AnalysisModels}), the analyzer and the output file stems.
 * Sits above video.pipeline and the stages; it takes the pipeline's settings (PipelineSpec), not the config file's model.
 */
package org.vestis.video.analysis;
