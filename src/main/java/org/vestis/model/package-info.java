/**
 * Model bundles: {@link org.vestis.model.ModelBundle} (a directory with model.zip and model.json, loaded into
 * its fast inference copy), {@link org.vestis.model.ModelInfo} (model.json), {@link org.vestis.model.Prediction},
 * library versions, and the old layer class names that bundles saved before the move still use. Uses io and nn;
 * known exception: ModelBundle averages test-time views with photo.ViewAverage.
 */
package org.vestis.model;
