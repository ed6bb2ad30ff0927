/**
 * Ablation grids ({@code vestis ablate}): a plan of training settings to vary, each cell run as {@code vestis train}
 * in its own JVM, and the results, report and charts rewritten after every run so an interrupted grid resumes. A front
 * end: it uses model bundles, io and the oneDNN thread settings, and no other front end uses it.
 */
package org.vestis.ablation;
