package org.vestis.serve.auth;

/** A shop account (never carries the password hash). */
public record User(long id, String name, Role role) {
}
