package io.vigil.web.incidents;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Entra sign-in error codes in words, for the codes an analyst meets most in an
 * investigation (Microsoft's AADSTS list); any other code is shown as its number.
 */
public final class SignInErrors {

	private static final Map<Integer, String> WORDS = Map.ofEntries(Map.entry(0, "success"),
			Map.entry(50126, "wrong username or password"), Map.entry(50053, "account locked (too many attempts)"),
			Map.entry(50055, "password expired"), Map.entry(50057, "account disabled"),
			Map.entry(50074, "second factor required"), Map.entry(50076, "second factor required (MFA)"),
			Map.entry(50079, "user must register for MFA"), Map.entry(500121, "second factor failed or denied"),
			Map.entry(50140, "\"stay signed in?\" prompt"), Map.entry(50158, "external security challenge not met"),
			Map.entry(53000, "device not compliant"), Map.entry(53003, "blocked by Conditional Access"),
			Map.entry(530032, "blocked by a security policy"), Map.entry(50105, "user not assigned to the app"),
			Map.entry(50034, "user does not exist"), Map.entry(50173, "session expired after a password change"),
			Map.entry(70044, "session expired"), Map.entry(90095, "admin consent required"),
			Map.entry(50097, "device authentication required"),
			Map.entry(50125, "sign-in interrupted (password reset)"),
			Map.entry(50133, "session invalid after a password change"), Map.entry(50132, "session revoked"),
			Map.entry(50089, "flow token expired"), Map.entry(81010, "Seamless SSO failed"));

	/**
	 * The result of a sign-in in words: "success", "wrong username or password (50126)",
	 * or "error 12345".
	 */
	public String words(@Nullable Object code) {
		if (!(code instanceof Number number)) {
			return "";
		}
		var value = number.intValue();
		var words = WORDS.get(value);
		if (value == 0) {
			return "success";
		}
		return words == null ? "error " + value : words + " (" + value + ")";
	}

}
