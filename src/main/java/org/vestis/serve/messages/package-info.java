/**
 * Notifications, messages and buyers' feedback in one table ({@link org.vestis.serve.messages.Messages}), addressed to
 * a user or to all managers. Uses serve.auth's users and roles.
 */
package org.vestis.serve.messages;
