/**
 * Tracker scores against MOTChallenge ground truth: reading MOT files, the CLEAR-MOT counts and the identity scores
 * (IDF1), as {@code vestis score-tracks} and the tracking benchmark report them. Uses the shared video types and
 * track's assignment.
 */
package org.vestis.video.track.eval;
