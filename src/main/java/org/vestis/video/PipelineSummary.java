package org.vestis.video;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * What one run produced: frames, time, throughput, confirmed tracks and how many got each smoothed label; with a
 * garment model, per slot how many confirmed people got each class ({@code none} included) instead of labels, and
 * each confirmed person's garments as last described ("red t-shirt · blue pants"), by track id.
 */
public record PipelineSummary(String input, long frames, double seconds, double fps, int confirmedTracks,
                              Map<String, Integer> labelCounts, boolean interrupted,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Integer>> garmentCounts,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Integer, String> people) {
    public PipelineSummary(String input, long frames, double seconds, double fps, int confirmedTracks,
                           Map<String, Integer> labelCounts, boolean interrupted) {
        this(input, frames, seconds, fps, confirmedTracks, labelCounts, interrupted, Map.of(), Map.of());
    }
}
