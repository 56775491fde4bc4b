/** Property-based fuzzing of every JSON endpoint and upload format with jqwik: no 5xx, no change after a 4xx, bounded time. */
package io.backprop.fuzz;
