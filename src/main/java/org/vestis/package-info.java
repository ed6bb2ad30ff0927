/**
 * The root of Vestis, a clothing-recognition tool, and the few things every package shares: {@link org.vestis.UserException}
 * (a problem the user can fix, printed as one sentence with exit code 2), {@link org.vestis.RootCause} (the sentence for
 * a failure deep in a library), {@link org.vestis.ParentWatch} (a child JVM that dies with its parent) and the HDF5
 * warning filter. Uses nothing of Vestis; the rules between the packages below are checked by {@code ArchitectureTest}.
 */
package org.vestis;
