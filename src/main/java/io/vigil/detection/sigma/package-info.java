/**
 * A Sigma engine for JSON-like events (Sigma specification v2.1, detection section):
 * parses rules with their line numbers, compiles each rule once against a field mapping,
 * and matches events with little allocation.
 */
@NullMarked
package io.vigil.detection.sigma;

import org.jspecify.annotations.NullMarked;
