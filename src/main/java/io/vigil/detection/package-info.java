/**
 * Detection: evaluates sign-ins against Sigma rules and Vigil's built-in rules. The Sigma
 * engine lives in {@code detection.sigma} and is plain Java (SnakeYAML only, no Spring,
 * JDBC, JSON library or Graph types), so it could be a library of its own;
 * {@code ArchitectureTests} guards that.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "ingest" })
package io.vigil.detection;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
