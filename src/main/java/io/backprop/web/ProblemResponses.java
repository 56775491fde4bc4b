package io.backprop.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The error statuses an endpoint can answer with; each is documented as an {@code application/problem+json} response. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemResponses {

    int[] value();

    /** What a 404 means on this endpoint. */
    String notFound() default "No network has this id.";

    /** What a 429 means on this endpoint. */
    String tooMany() default "The service holds as many networks (or parameters) as its limits allow; delete some.";
}
