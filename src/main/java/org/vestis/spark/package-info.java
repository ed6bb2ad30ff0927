/**
 * The Spark job ({@code spark-submit}): each executor loads the models once per task slot and analyses its videos
 * exactly as {@code vestis analyze} does (video.analysis), publishing every output under a temporary name, and the
 * driver collects the outcomes and one Parquet table of all tracks. A front end: Spark is a provided dependency.
 */
package org.vestis.spark;
