/**
 * Containment on customer tenants through Microsoft Graph: revoke sessions, block and
 * unblock sign-in. Each action checks the person's role and tenants here too (not only in
 * the web layer), executes once per idempotency key, needs a second person's approval
 * when the target holds an administrator role, and is written to the audit log before and
 * after the Graph call and to the incident's timeline. Persistence is plain JDBC.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "graph", "security", "incidents" })
package io.vigil.response;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
