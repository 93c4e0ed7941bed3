/**
 * Incidents: rule matches grouped per tenant, rule and dedup key (by default the account)
 * within the rule's window, with the matching sign-ins as evidence, status, assignee,
 * checklist state and a timeline. Fed by detection's
 * {@link io.vigil.detection.SignInsMatched}; idempotent under redelivery.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "detection", "tenants", "ingest" })
package io.vigil.incidents;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
