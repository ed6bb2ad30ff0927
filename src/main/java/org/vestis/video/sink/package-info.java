/**
 * Where processed frames go: the annotated video, the JSONL timeline, the tracks CSV and the MOTChallenge file.
 * Each writes under a temporary name (or rewrites whole), flushes as it goes and publishes on close; the overlay's
 * layout is shared with the desktop app. The last stage: it may use every earlier one's types.
 */
package org.vestis.video.sink;
