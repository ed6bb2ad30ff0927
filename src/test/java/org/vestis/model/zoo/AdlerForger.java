package org.vestis.model.zoo;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Gives a zip file any Adler32 checksum by writing a comment into it, so a test can serve a tiny model under a
 * real zoo model's file name and checksum (ZooModel.initPretrained checks the file's Adler32 against a constant).
 * The zip stays valid: its entries are untouched, only the end-of-central-directory record gets a comment.
 *
 * <p>Adler32 keeps A = 1 + (sum of the bytes) and B = (sum of the A after each byte), both mod 65521, and
 * returns B &lt;&lt; 16 | A. Appending bytes d_1..d_k to a file whose state is (A0, B0) gives
 * A = A0 + sum d_i and B = B0 + k*A0 + sum (k-i+1) d_i: byte i counts once in A, and in B once per step from it
 * to the end (its "weight" k-i+1). So the comment is k bytes: mostly 0, a tail of 255s (plus one remainder byte)
 * carrying A's missing sum, and two 1s whose weights are chosen to make up B's residue.
 */
final class AdlerForger {
    private static final int MOD = 65521;
    /** End of central directory record, written last, 22 bytes when it has no comment. */
    private static final int EOCD_LENGTH = 22;
    private static final int[] EOCD_SIGNATURE = {'P', 'K', 5, 6};
    /**
     * Enough for any residue: two distinct weights in [tail+2, k] add up to any value in [2*tail+5, 2k-1], a range
     * wider than 65521 once k exceeds tail + 32763, and the tail is at most 257 bytes. A zip comment is at most 65535.
     */
    static final int COMMENT_LENGTH = 40_000;

    private AdlerForger() {
    }

    /** A copy of {@code zip} (written without a comment) with a comment that makes its Adler32 equal {@code target}. */
    static byte[] withChecksum(byte[] zip, long target) {
        long targetA = target & 0xffff;
        long targetB = target >>> 16;
        if (targetA >= MOD || targetB >= MOD || target >>> 32 != 0) {
            throw new IllegalArgumentException(target + " is no Adler32 value: both halves must be below " + MOD);
        }
        int eocd = zip.length - EOCD_LENGTH;
        for (int i = 0; i < EOCD_SIGNATURE.length; i++) {
            if (eocd < 0 || zip[eocd + i] != (byte) EOCD_SIGNATURE[i]) {
                throw new IllegalArgumentException("not a zip ending in a comment-less end-of-central-directory record");
            }
        }
        if (zip[zip.length - 2] != 0 || zip[zip.length - 1] != 0) {
            throw new IllegalArgumentException("the zip already has a comment");
        }
        int k = COMMENT_LENGTH;
        byte[] out = Arrays.copyOf(zip, zip.length + k);
        out[zip.length - 2] = (byte) k; // the comment length, little-endian, is the record's last field
        out[zip.length - 1] = (byte) (k >>> 8);

        // The checksum state just before the comment, length field included.
        Adler32 prefix = new Adler32();
        prefix.update(out, 0, zip.length);
        long a0 = prefix.getValue() & 0xffff;
        long b0 = prefix.getValue() >>> 16;

        // A: the comment's bytes must add up to dA (mod 65521). The two 1s give 2; the tail the rest, as 255s at the
        // very end (weights 1..q) and the remainder r just before them (weight q+1).
        long dA = Math.floorMod(targetA - a0, MOD);
        long tailSum = Math.floorMod(dA - 2, MOD);
        int q = (int) (tailSum / 255);
        int r = (int) (tailSum % 255);
        for (int w = 1; w <= q; w++) {
            out[index(zip.length, k, w)] = (byte) 255;
        }
        out[index(zip.length, k, q + 1)] = (byte) r;
        long tailWeight = 255L * q * (q + 1) / 2 + (long) r * (q + 1);

        // B: the 1s' weights w1 + w2 must make up what k*A0 and the tail leave of dB (mod 65521). Take the smallest
        // value with that residue that two distinct free weights (in [q+2, k]) can add up to, and split it.
        long residue = Math.floorMod(targetB - b0 - (long) k * a0 - tailWeight, MOD);
        long lowest = 2L * (q + 2) + 1;
        long sum = residue;
        while (sum < lowest) {
            sum += MOD;
        }
        int w1 = (int) Math.max(q + 2, sum - k);
        int w2 = (int) (sum - w1);
        if (w2 > k || w2 <= w1) {
            throw new IllegalStateException("comment too short for weights summing to " + sum); // cannot happen for k = 40000
        }
        out[index(zip.length, k, w1)] = 1;
        out[index(zip.length, k, w2)] = 1;

        Adler32 check = new Adler32();
        check.update(out);
        if (check.getValue() != target) {
            throw new IllegalStateException("forged Adler32 " + check.getValue() + " instead of " + target);
        }
        return out;
    }

    /** The array index of the comment byte with weight w (the last byte has weight 1, the first weight k). */
    private static int index(int commentStart, int k, int w) {
        return commentStart + k - w;
    }
}
