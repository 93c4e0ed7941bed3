/**
 * What a rule is once loaded: the rule book an organization's tenant evaluates (shipped
 * Sigma rules, built-in rules, uploads, with the tenant's placeholders and switches
 * applied), the index that skips rules an event cannot match, the event view rules read,
 * and the compiled correlations. Built by {@code RuleCatalog}; nothing here touches the
 * database.
 */
@NullMarked
package io.vigil.detection.rules;

import org.jspecify.annotations.NullMarked;
