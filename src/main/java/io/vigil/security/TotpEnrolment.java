package io.vigil.security;

import io.vigil.shared.Secret;

/**
 * A second factor being set up: the key to enter in an authenticator app, and its otpauth
 * URI (for a QR code).
 */
public record TotpEnrolment(Secret key, Secret uri) {
}
