/**
 * The single-label smoothing stage: per track, the N best crops by {@link org.vestis.video.smooth.CropQuality}
 * and their class probabilities averaged ({@link org.vestis.video.smooth.TopNSmoother}). Uses only the shared video
 * types; the garment stage smooths slots itself.
 */
package org.vestis.video.smooth;
