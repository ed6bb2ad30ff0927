package org.vestis.video.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.vestis.video.garment.GarmentObserver;

import java.util.Map;

/**
 * What one run produced: frames, time, throughput, confirmed tracks and how many got each smoothed label; with a
 * garment model, per slot how many confirmed people got each class ({@code none} included) instead of labels, and
 * each confirmed person's garments as last described ("red t-shirt · blue pants"), by track id, and what the looks at
 * people cost ({@code garmentLooks}: how many, and milliseconds per look of each step).
 */
public record PipelineSummary(String input, long frames, double seconds, double fps, int confirmedTracks,
                              Map<String, Integer> labelCounts, boolean interrupted,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Integer>> garmentCounts,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Integer, String> people,
                              @JsonInclude(JsonInclude.Include.NON_NULL) GarmentObserver.Costs garmentLooks) {
    public PipelineSummary(String input, long frames, double seconds, double fps, int confirmedTracks,
                           Map<String, Integer> labelCounts, boolean interrupted) {
        this(input, frames, seconds, fps, confirmedTracks, labelCounts, interrupted, Map.of(), Map.of(), null);
    }
}
