/**
 * Detection: evaluates sign-ins against Sigma rules and Vigil's built-in rules. The root
 * holds what other modules use: {@code RuleCatalog} and its rule statuses, the published
 * matches ({@code SignInsMatched}, {@code ActivityMatched}), retro-hunts and the
 * {@code detect} command. Inside: {@code rules} (the rule book and its index),
 * {@code builtin} (Vigil's Java rules and network lists), {@code evaluation} (running
 * rules on ingested pages), {@code customization} (what an organization switched off,
 * uploaded or filled in). The Sigma engine lives in {@code detection.sigma} and is plain
 * Java (SnakeYAML only, no Spring, JDBC, JSON library or Graph types), so it could be a
 * library of its own; {@code ArchitectureTests} guards that.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "ingest" })
package io.vigil.detection;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
