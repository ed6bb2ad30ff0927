/**
 * Made-up video with known answers: Fashion-MNIST items rendered into a test clip with its truth, clips made from one
 * CCP photo, an in-memory clip as a FrameSource, and the score of an analyze run against the truth. Uses the source
 * stage and data (a known exception to the cycle rule); no stage uses it.
 */
package org.vestis.video.synth;
