/**
 * One input through the pipeline into its output files, as {@code vestis analyze} and the Spark job both run it:
 * the models loaded once ({@link org.vestis.video.analysis.AnalysisModels}), the analyzer and the output file stems.
 * Sits above video.pipeline and the stages; known exception: it reads the PipelineConfig.
 */
package org.vestis.video.analysis;
