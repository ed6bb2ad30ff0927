package org.vestis.video;

/** Where a person's body regions came from; {@link #label()} is the word the outputs carry ({@code "regions": "box"}). */
public enum RegionSource {
    /** From the pose landmarks. */
    LANDMARKS("landmarks"),
    /** Fixed proportions of the person box: the landmarks failed or the person is too small for them. */
    BOX("box"),
    /** None: the person is too small for any region. */
    NONE("none");

    private final String label;

    RegionSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
