/**
 * The source stage: {@link org.vestis.video.source.FrameSource} and its implementations (video files and stream
 * URLs, image folders, cameras, and the wrapper that makes any source live), and the factory that reads what the
 * user typed. Uses only the shared video types.
 */
package org.vestis.video.source;
