/**
 * How one replica shares the store with others: per-network row locks, announcements of committed changes to every
 * replica, and holds on training jobs. On SQLite (one process) these collapse to local equivalents; on PostgreSQL
 * they are row locks, {@code LISTEN/NOTIFY} and session-level advisory locks.
 */
package io.backprop.replicas;
