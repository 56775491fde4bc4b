/** Keys and tenants: who may call the service, what each key owns, its quotas and its request rate. */
package io.backprop.security;
