/**
 * Pulls every connected tenant's sign-in logs (interactive and non-interactive) from
 * Graph into PostgreSQL, losing nothing and storing nothing twice: overlapping windows
 * with a persisted watermark per tenant and event type, a periodic deep re-scan for late
 * events, dedup on Graph's id, and each page committed with its cursor so a restart
 * resumes where the last commit left off. After each committed page it publishes
 * {@link io.vigil.ingest.SignInsIngested}. Sign-ins are written with plain JDBC batches:
 * they are append-only and high-volume, and an ORM would only add cost.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "graph" })
package io.vigil.ingest;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
