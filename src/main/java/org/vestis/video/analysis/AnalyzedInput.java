package org.vestis.video.analysis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.vestis.video.pipeline.PipelineSummary;

import java.util.List;

/**
 * One input's summary with the stem its output files are named by, whether the input ended before the frame count
 * its container declares (a truncated or damaged file: the outputs cover only the frames decoded), and the images of a
 * folder that could not be read (of how many the folder lists).
 */
public record AnalyzedInput(String outputs, @JsonUnwrapped PipelineSummary summary, long expectedFrames, boolean endedEarly,
                            List<String> skippedImages, @JsonIgnore long images) {
}
