/**
 * Vigil's own rules, written in Java: a successful sign-in from CloudFlare (RULE-1143,
 * the mark of an AiTM proxy) or from a hosting network, password sprays, first-seen and
 * impossible-travel behaviour, and the network lists they read (CloudFlare's published
 * ranges, hosting and VPN networks): the shipped snapshot until a fetch succeeds, then
 * the latest list.
 */
@NullMarked
package io.vigil.detection.builtin;

import org.jspecify.annotations.NullMarked;
