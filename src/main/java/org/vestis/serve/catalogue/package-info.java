/**
 * What buyers browse: verified photos with their verified labels and colours, filtered and paged
 * ({@link org.vestis.serve.catalogue.Catalogue}). Reads the photo records of serve.photos.
 */
package org.vestis.serve.catalogue;
