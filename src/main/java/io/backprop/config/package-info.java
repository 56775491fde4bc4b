/** The service's configuration: limits and defaults, validated at start-up. */
package io.backprop.config;
