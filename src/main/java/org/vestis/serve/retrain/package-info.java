/**
 * Retraining from reviewed items as a background job: export of the reviewed items as image folders, a
 * {@code vestis train} child process, the comparison of the new bundle with the serving one, and the jobs table.
 * Uses serve.photos, serve.auth, model and photo.
 */
package org.vestis.serve.retrain;
