package org.vestis.spark;

import java.io.Serializable;

/**
 * What became of one video in a Spark run, sent back to the driver: done (with its summary as JSON, the same entry
 * `vestis analyze` writes in summary.json), failed (with the error sentence; the job goes on), or already complete
 * from an earlier run into the same output (skipped).
 */
public record VideoOutcome(String input, String stem, String status, String error, String summaryJson, double seconds,
                           String executor) implements Serializable {
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped (complete from an earlier run)";
}
