/**
 * The detection stage: {@link org.vestis.video.detect.Detector} and its implementations (YOLO people, HOG,
 * face-and-torso, motion, centre and full frame), the factory that makes one from its config name, and where
 * their model files are found or downloaded. Uses the shared video types and io; nothing of later stages.
 */
package org.vestis.video.detect;
