/**
 * The Swing/FlatLaf desktop app ({@code vestis live}): a live tab that paints what the pipeline produced, an image
 * tab and a results tab. It computes nothing itself: it drives the same core as analyze (source, detector, pipeline,
 * sinks) and is the only package that uses Swing or AWT windowing; {@code vestis live} opens it through
 * LiveLauncher (and LiveScript for scripted runs).
 */
package org.vestis.ui;
