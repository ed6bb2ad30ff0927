/**
 * {@link org.vestis.video.classify.CropClassifier}: the crops of one frame through a model bundle in one batched
 * forward pass, each preprocessed as the bundle declares. Uses model, photo and the shared video types; the garment
 * stage and the pipeline use it.
 */
package org.vestis.video.classify;
