package org.vestis.video.track.eval;

import org.vestis.video.Box;

/**
 * One row of a MOTChallenge file: the box of identity {@code id} in frame {@code frame} (frames count from 1).
 * Ground truth and tracker results share this shape, so the scores treat both alike.
 */
public record MotBox(int frame, long id, Box box) {
}
