package io.vigil.response;

import java.util.Optional;

import io.vigil.shared.Secret;
import org.jspecify.annotations.Nullable;

/**
 * What an execution or approval returns: the action's record and, for a password reset
 * carried out by this very call, the one-time password. It exists only here, in memory:
 * it is stored nowhere, so it can be shown once.
 */
public record ActionResult(ActionRecord record, @Nullable Secret temporaryPassword) {

	public Optional<Secret> oneTimePassword() {
		return Optional.ofNullable(temporaryPassword);
	}

}
