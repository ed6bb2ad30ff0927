/**
 * Files in and out: checks on inputs ({@link org.vestis.io.InputFiles}), temporary names renamed when complete
 * ({@link org.vestis.io.OutputFiles}), one run per output folder ({@link org.vestis.io.OutputFolderLock}), the shared
 * JSON mapper, the project root, and checked downloads ({@link org.vestis.io.Downloader}, {@link org.vestis.io.RemoteFile}).
 * Uses only the root package; everything else may use it.
 */
package org.vestis.io;
