/**
 * Training data: Fashion-MNIST (IDX reading, and finding the files in a folder, the cache, Debian's package or by
 * download), image folders and the DeepFashion layout as photo sets and splits, seeded stratified splits, and the
 * augmentation of both. Uses io and the root package only; data/ccp is the CCP street-photo dataset.
 */
package org.vestis.data;
