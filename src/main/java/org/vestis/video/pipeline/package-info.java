/**
 * {@link org.vestis.video.pipeline.Pipeline} runs the stages (source, detector, tracker, classifier or garment
 * stage, smoother, sinks) for one input; {@link org.vestis.video.pipeline.PipelineFactory} is the one place that
 * builds it from a {@link org.vestis.video.pipeline.PipelineSpec}, with the models loaded once
 * ({@link org.vestis.video.pipeline.PipelineModels}); also the run's settings and summary. Uses every stage
 * package; no stage uses it.
 */
package org.vestis.video.pipeline;
