/**
 * The Java side of the scripts in benchmarks/: model training and inference speed, the whole pipeline's frames per
 * second, trackers on MOT sequences, colour naming, and the consistency check of analyze's outputs after Ctrl-C. Not
 * part of the tool's commands; it may use any core package and nothing uses it.
 */
package org.vestis.bench;
