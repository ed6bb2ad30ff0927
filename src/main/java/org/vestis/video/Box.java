package org.vestis.video;

/** An axis-aligned box in pixels: top-left corner, width and height. */
public record Box(double x, double y, double width, double height) {

    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** Intersection over union; 0 for disjoint or empty boxes. */
    public double iou(Box o) {
        double ix = Math.max(0, Math.min(right(), o.right()) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** This box with {@code fraction} of its width and height added on each side, around the same centre. */
    public Box grown(double fraction) {
        double mx = width * fraction;
        double my = height * fraction;
        return new Box(x - mx, y - my, width + 2 * mx, height + 2 * my);
    }

    /** This box cut to a frame of the given size (may become empty). */
    public Box clip(int frameWidth, int frameHeight) {
        double nx = Math.max(0, x);
        double ny = Math.max(0, y);
        double nr = Math.min(frameWidth, right());
        double nb = Math.min(frameHeight, bottom());
        return new Box(nx, ny, Math.max(0, nr - nx), Math.max(0, nb - ny));
    }

    /** True when the box reaches within {@code margin} pixels of the frame edge (the object may be cut off). */
    public boolean touchesEdge(int frameWidth, int frameHeight, double margin) {
        return x <= margin || y <= margin || right() >= frameWidth - margin || bottom() >= frameHeight - margin;
    }
}
