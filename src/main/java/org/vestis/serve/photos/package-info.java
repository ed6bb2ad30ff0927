/**
 * Uploaded photos: the content check of uploads, files stored by their SHA-256, the photos table with its
 * proposed tags, and the tagging worker that runs {@link org.vestis.serve.photos.PhotoTagger} (the photo classifier,
 * or the person detector and garment stage for photos of people). Uses photo, model, config and the video stages.
 */
package org.vestis.serve.photos;
