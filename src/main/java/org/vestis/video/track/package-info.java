/**
 * The tracking stage: {@link org.vestis.video.track.Tracker} with ByteTrack and the simpler IoU tracker, their
 * settings, the Kalman box filter, overlap and Hungarian matching, and colour signatures. Uses only the shared video
 * types; video/track/eval scores tracks.
 */
package org.vestis.video.track;
