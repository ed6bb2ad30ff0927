/**
 * The value types the pipeline's stages hand each other: {@link org.vestis.video.Box},
 * {@link org.vestis.video.Detection}, {@link org.vestis.video.VideoFrame}, {@link org.vestis.video.TrackResult} and
 * {@link org.vestis.video.FrameResult}, and a person's garments as the garment stage reads them
 * ({@link org.vestis.video.PersonGarments}: {@link org.vestis.video.GarmentSlot}, {@link org.vestis.video.SlotReading},
 * {@link org.vestis.video.ColourTerm}, {@link org.vestis.video.BodyPart}, {@link org.vestis.video.RegionSource}). The
 * stages live in the subpackages, in the order a frame passes them: source, detect, track, classify, garment, smooth,
 * sink; none uses a later one.
 */
package org.vestis.video;
