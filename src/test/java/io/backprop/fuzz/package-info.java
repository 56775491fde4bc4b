/** Property-based fuzzing with jqwik of every JSON endpoint and every upload format (data sets and model imports): no 5xx, no change after a 4xx, bounded time. */
package io.backprop.fuzz;
