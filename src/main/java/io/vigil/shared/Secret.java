package io.vigil.shared;

import java.util.Objects;

/**
 * A secret value (client secret, key). {@link #toString()} never reveals it, so a secret
 * that ends up in a log line, an exception message or a debugger view stays unreadable.
 * Call {@link #reveal()} only where the value is handed to the party that needs it.
 */
public final class Secret {

	private final String value;

	public Secret(String value) {
		this.value = Objects.requireNonNull(value);
	}

	public String reveal() {
		return value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret secret && secret.value.equals(value);
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

	@Override
	public String toString() {
		return "Secret[****]";
	}

}
