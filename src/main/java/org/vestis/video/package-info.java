/**
 * The value types the pipeline's stages hand each other: {@link org.vestis.video.Box},
 * {@link org.vestis.video.Detection}, {@link org.vestis.video.VideoFrame}, {@link org.vestis.video.TrackResult} and
 * {@link org.vestis.video.FrameResult}. The stages live in the subpackages, in the order a frame passes them:
 * source, detect, track, classify, garment, smooth, sink; none uses a later one. Known exception: TrackResult carries
 * garment.PersonGarments.
 */
package org.vestis.video;
