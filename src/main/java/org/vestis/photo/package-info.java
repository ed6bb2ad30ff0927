/**
 * Images into a model: {@link org.vestis.photo.PhotoPreprocessor} (a real photo turned into the input a bundle
 * declares), {@link org.vestis.photo.BatchPredictor} (images of any kind through a bundle in batches: predict, the
 * desktop app, the shop's tagger and the video crop classifier use it). Uses model and io.
 */
package org.vestis.photo;
