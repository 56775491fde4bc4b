package io.backprop.security;

/** How the service decides who may call it. */
public enum SecurityMode {

    /** No keys; the service listens on the loopback address only. */
    LOCAL,

    /** Every request but health, the documentation and the playground's page needs an API key. */
    KEYS
}
