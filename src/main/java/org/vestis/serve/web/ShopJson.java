package org.vestis.serve.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** Reading JSON request bodies with one clear error for a body that is not the expected JSON. */
final class ShopJson {
    private ShopJson() {
    }

    static <T> T read(Context ctx, Class<T> type) {
        try {
            T value = ctx.bodyAsClass(type);
            if (value == null) {
                throw new ApiError(HttpStatus.BAD_REQUEST, "The request body is empty; send JSON.");
            }
            return value;
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            // Javalin's Jackson mapper throws Jackson's checked exceptions unchecked ("sneaky"): a parse error is one.
            throw new ApiError(HttpStatus.BAD_REQUEST, "The request body is not the JSON this call takes.");
        }
    }
}
