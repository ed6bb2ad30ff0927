package org.vestis.video;

/** Something a detector found: where, how sure (0..1), and what kind (e.g. "person", "torso", "garment"). */
public record Detection(Box box, double score, String kind) {
}
