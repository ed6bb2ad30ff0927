package org.vestis.video.garment;

/**
 * One body landmark in frame pixels, as the pose model sees it.
 *
 * @param x          column in the frame (may lie outside it: the model also guesses points out of view)
 * @param y          row in the frame
 * @param z          depth relative to the hips' midpoint, in the same pixel scale as x (smaller is nearer the camera)
 * @param visibility probability (0..1) that the point is in view and not hidden behind the body or something else
 * @param presence   probability (0..1) that the point lies inside the crop the model saw
 */
public record Landmark(double x, double y, double z, double visibility, double presence) {
}
