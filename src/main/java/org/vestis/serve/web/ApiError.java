package org.vestis.serve.web;

import io.javalin.http.HttpStatus;

/** A request the server refuses, with the sentence the client sees (JSON for the API, a page otherwise). */
public final class ApiError extends RuntimeException {
    private final HttpStatus status;

    public ApiError(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
