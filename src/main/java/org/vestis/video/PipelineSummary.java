package org.vestis.video;

import java.util.Map;

/** What one run produced: frames, time, throughput, confirmed tracks and how many got each smoothed label. */
public record PipelineSummary(String input, long frames, double seconds, double fps, int confirmedTracks,
                              Map<String, Integer> labelCounts, boolean interrupted) {
}
