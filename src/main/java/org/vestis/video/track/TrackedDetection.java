package org.vestis.video.track;

import org.vestis.video.Detection;

/** A detection with the id of the track it belongs to; confirmed once the track has enough hits. */
public record TrackedDetection(int trackId, boolean confirmed, Detection detection) {
}
