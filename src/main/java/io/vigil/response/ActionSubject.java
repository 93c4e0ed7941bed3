package io.vigil.response;

import org.jspecify.annotations.Nullable;

/**
 * The thing of the user an action changes: an authentication method or an Inbox rule.
 *
 * @param id its Graph id
 * @param kind for an authentication method, its
 * {@link io.vigil.graph.AuthenticationMethodKind} name
 * @param label what it is in words ("Microsoft Authenticator: iPhone 15 Pro", "Inbox rule
 * '.'")
 */
public record ActionSubject(String id, @Nullable String kind, String label) {
}
