/** JMH benchmarks of the engine's hot path; run with {@code ./mvnw -Pbench test-compile exec:exec}, never part of verify. */
package io.backprop.bench;
