/**
 * The shop's database ({@link org.vestis.serve.db.ShopDatabase}): embedded H2 by default or any JDBC URL
 * (PostgreSQL), pooled, migrated by Flyway from {@code serve/migrations} on open. Uses only the root package.
 */
package org.vestis.serve.db;
