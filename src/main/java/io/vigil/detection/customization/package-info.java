/**
 * What an organization changed: rules switched off per tenant (with who and why),
 * uploaded Sigma rules, and per-tenant placeholder values. Deleted with a disconnected
 * tenant when its admin asks.
 */
@NullMarked
package io.vigil.detection.customization;

import org.jspecify.annotations.NullMarked;
