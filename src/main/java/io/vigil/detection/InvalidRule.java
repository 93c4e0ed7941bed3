package io.vigil.detection;

/** An uploaded rule that cannot be used; the message names the line and the problem. */
public final class InvalidRule extends IllegalArgumentException {

	InvalidRule(String message) {
		super(message);
	}

}
