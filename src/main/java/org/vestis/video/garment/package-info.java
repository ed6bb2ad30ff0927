/**
 * The garment stage: for a person crop that would enter the track's best looks, pose landmarks and body regions,
 * the part crops through the garment model in one batch, colour names, and the five slot readings smoothed over the
 * track's best looks. Uses detect (person boxes on photos, model files) and classify; never smooth or sink.
 */
package org.vestis.video.garment;
