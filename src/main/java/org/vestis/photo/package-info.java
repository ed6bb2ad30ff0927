/**
 * Photos into a model: {@link org.vestis.photo.PhotoPreprocessor} (a real photo turned into the input a
 * bundle declares), {@link org.vestis.photo.PhotoClassifier} (one batched pass) and test-time view averaging
 * ({@link org.vestis.photo.ViewAverage}). Uses model and io; used by predict, evaluate, training, the crop classifier,
 * the desktop app and the shop.
 */
package org.vestis.photo;
