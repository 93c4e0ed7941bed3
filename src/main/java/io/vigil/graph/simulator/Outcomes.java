package io.vigil.graph.simulator;

import org.jspecify.annotations.Nullable;

/** The failure texts Entra reports for the error codes the simulator produces. */
final class Outcomes {

	private Outcomes() {
	}

	static @Nullable String failureReason(int errorCode) {
		return switch (errorCode) {
			case 0 -> null;
			case 50126 -> "Error validating credentials due to invalid username or password.";
			case 50074 -> "Strong Authentication is required.";
			case 53003 ->
				"Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.";
			case 500121 -> "Authentication failed during strong authentication request.";
			default -> "Other.";
		};
	}

	static @Nullable String additionalDetails(int errorCode) {
		return switch (errorCode) {
			case 50126 -> "The user didn't enter the right credentials.";
			case 50074 -> "Strong Auth required";
			case 500121 -> "MFA denied; user declined the authentication";
			default -> null;
		};
	}

}
