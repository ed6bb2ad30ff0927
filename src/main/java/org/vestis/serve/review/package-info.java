/**
 * The managers' review of proposed tags ({@link org.vestis.serve.review.Reviews}): least-confident first, accepting
 * or correcting (every change recorded), bulk accepting, and accuracy on what was reviewed. Uses serve.photos,
 * serve.messages and serve.auth.
 */
package org.vestis.serve.review;
