package io.vigil.security;

import java.time.Clock;
import java.util.Map;

import io.vigil.security.AccountRepository.Account;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins (passwords and second-factor codes) per account and locks the
 * account for a while after too many in a row; every failure, lockout and success goes to
 * the audit log.
 */
@Component
class LoginAttempts {

	private final AccountRepository accounts;

	private final AuditLog audit;

	private final SecuritySettings settings;

	private final Clock clock;

	LoginAttempts(AccountRepository accounts, AuditLog audit, SecuritySettings settings, Clock clock) {
		this.accounts = accounts;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	boolean isLocked(Account account) {
		return account.lockedUntil() != null && account.lockedUntil().isAfter(clock.instant());
	}

	void failed(VigilUser user, AuditAction what) {
		var count = accounts.recordFailure(user.id(), settings.lockoutThreshold(),
				clock.instant().plus(settings.lockoutDuration()));
		audit.record(user.organizationId(), user.email(), what, user.email(), "failure", Map.of("failedInARow", count));
		if (count == settings.lockoutThreshold()) {
			audit.record(user.organizationId(), "vigil", AuditAction.ACCOUNT_LOCKED, user.email(), "success",
					Map.of("for", settings.lockoutDuration().toString()));
		}
	}

	/**
	 * An attempt refused before any code was checked (locked account, second factor
	 * already active).
	 */
	void refused(VigilUser user, AuditAction what, String reason) {
		audit.record(user.organizationId(), user.email(), what, user.email(), "refused", Map.of("reason", reason));
	}

	void succeeded(VigilUser user, AuditAction what) {
		accounts.resetFailures(user.id());
		audit.record(user.organizationId(), user.email(), what, user.email(), "success", Map.of());
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		var email = String.valueOf(event.getAuthentication().getName());
		var account = accounts.findByEmail(email);
		if (account.isEmpty()) {
			// no account: nothing to lock, but the attempt is still worth knowing about
			audit.record(null, email, AuditAction.LOGIN_PASSWORD, email, "failure",
					Map.of("reason", "unknown account"));
		}
		else if (event.getException() instanceof LockedException) {
			audit.record(account.get().user().organizationId(), email, AuditAction.LOGIN_PASSWORD, email, "refused",
					Map.of("reason", "account locked"));
		}
		else {
			failed(account.get().user(), AuditAction.LOGIN_PASSWORD);
		}
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof VigilPrincipal principal
				&& !principal.secondFactorDone()) {
			var user = principal.user();
			if (principal.needsSecondFactor()) {
				// the password was right; the lockout counter resets only once the second
				// factor is too
				audit.record(user.organizationId(), user.email(), AuditAction.LOGIN_PASSWORD, user.email(), "success",
						Map.of("next", user.totpEnabled() ? "second factor" : "second factor enrolment"));
			}
			else {
				succeeded(user, AuditAction.LOGIN_PASSWORD);
			}
		}
	}

}
