/** Cross-cutting HTTP concerns: problem details for every error, request size limits, OpenAPI metadata. */
package io.backprop.web;
