package org.vestis.video;

/** The four parts of a person that garments are looked for in; each serves one or two garment slots. */
public enum BodyPart {
    /** Above the shoulders, around the face or the back of the head: headwear. */
    HEAD,
    /** Shoulders to hips, out to the elbows: tops and outerwear. */
    TORSO,
    /** Waist to ankles: bottoms (trousers, shorts, skirts, the lower part of a dress). */
    LEGS,
    /** Around the ankles, heels and toes: footwear. */
    FEET
}
