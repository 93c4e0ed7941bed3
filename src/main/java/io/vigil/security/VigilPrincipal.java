package io.vigil.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The user as Spring Security holds them. Until the second factor is verified the
 * principal carries only {@link #PASSWORD}, which opens nothing but the second-factor and
 * enrolment pages.
 */
record VigilPrincipal(VigilUser user, String passwordHash, boolean locked, boolean secondFactorDone, boolean disabled,
		int sessionEpoch) implements UserDetails {

	/** An enabled account signed in under the first session epoch. */
	VigilPrincipal(VigilUser user, String passwordHash, boolean locked, boolean secondFactorDone) {
		this(user, passwordHash, locked, secondFactorDone, false, 0);
	}

	static final String PASSWORD = "FACTOR_PASSWORD";

	static final String TOTP = "FACTOR_TOTP";

	/**
	 * Everyone: MSP staff and customer admins alike (a customer admin's verdict closes
	 * incidents).
	 */
	boolean needsSecondFactor() {
		return true;
	}

	VigilPrincipal withSecondFactor() {
		return new VigilPrincipal(user, passwordHash, locked, true, disabled, sessionEpoch);
	}

	/**
	 * The same session with the account as it is now (role, tenants, second factor);
	 * never its password hash.
	 */
	VigilPrincipal withUser(VigilUser current) {
		return new VigilPrincipal(current, "", locked, secondFactorDone, disabled, sessionEpoch);
	}

	VigilPrincipal withSessionEpoch(int epoch) {
		return new VigilPrincipal(user, "", locked, secondFactorDone, disabled, epoch);
	}

	@Override
	public boolean isEnabled() {
		return !disabled;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		if (needsSecondFactor() && !secondFactorDone) {
			return List.of(new SimpleGrantedAuthority(PASSWORD));
		}
		return List.of(new SimpleGrantedAuthority(PASSWORD), new SimpleGrantedAuthority(TOTP),
				new SimpleGrantedAuthority(user.role().authority()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return user.email();
	}

	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	@Override
	public String toString() {
		return "VigilPrincipal[" + user.email() + "]";
	}

}
