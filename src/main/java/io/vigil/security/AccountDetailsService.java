package io.vigil.security;

import java.time.Clock;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class AccountDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	private final Clock clock;

	AccountDetailsService(AccountRepository accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		var account = accounts.findByEmail(email).orElseThrow(() -> new UsernameNotFoundException("no such account"));
		var locked = account.lockedUntil() != null && account.lockedUntil().isAfter(clock.instant());
		return new VigilPrincipal(account.user(), account.passwordHash(), locked, false, account.disabled(),
				account.sessionEpoch());
	}

}
