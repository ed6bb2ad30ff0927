/**
 * {@link org.vestis.video.pipeline.Pipeline} wires the stages (source, detector, tracker, classifier or garment
 * stage, smoother, sinks) for one run, with its settings and the summary of what it produced. Uses every stage
 * package; no stage uses it.
 */
package org.vestis.video.pipeline;
