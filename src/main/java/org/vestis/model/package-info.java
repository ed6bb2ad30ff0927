/**
 * Model bundles: {@link org.vestis.model.ModelBundle} (a directory with model.zip and model.json, loaded into
 * its fast inference copy), {@link org.vestis.model.ModelInfo} (model.json), {@link org.vestis.model.Prediction},
 * test-time view averaging ({@link org.vestis.model.ViewAverage}), library versions, and the old layer class names
 * that bundles saved before the move still use. Uses io and nn.
 */
package org.vestis.model;
