/** Networks over HTTP: define, inspect, train, explain, evaluate and predict; held in an in-memory registry. */
package io.backprop.network;
