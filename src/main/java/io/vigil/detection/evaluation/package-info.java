/**
 * Running the rules: listens for ingested sign-ins and activity, evaluates each page on
 * the evaluation pool (the trees the reader parsed, or the stored record after a crash),
 * answers behavioural rules from the stored history, keeps the matches correlations
 * count, attaches the evidence an analyst reads, and publishes the matches.
 */
@NullMarked
package io.vigil.detection.evaluation;

import org.jspecify.annotations.NullMarked;
