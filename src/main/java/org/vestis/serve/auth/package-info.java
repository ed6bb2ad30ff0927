/**
 * Shop accounts and logins: bcrypt-hashed passwords, roles (seller, buyer, manager), and database-kept sessions
 * with their CSRF tokens, on the shop database's JDBI handle. Uses nothing else of Vestis.
 */
package org.vestis.serve.auth;
