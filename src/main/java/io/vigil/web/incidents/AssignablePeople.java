package io.vigil.web.incidents;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.vigil.security.Accounts;
import io.vigil.security.VigilUser;

import org.springframework.stereotype.Component;

/**
 * Whom incidents can be assigned to: the organization's responders and admins who are not
 * disabled. Pickers list them; an assignment to anyone else (a typed or forged address)
 * is refused.
 */
@Component
public class AssignablePeople {

	/** A person as a picker shows them. */
	public record Assignable(String email, String name) {
	}

	private final Accounts accounts;

	AssignablePeople(Accounts accounts) {
		this.accounts = accounts;
	}

	public List<Assignable> of(VigilUser viewer) {
		return accounts.people(viewer.organizationId())
			.stream()
			.filter(person -> !person.disabled() && person.user().mayAct())
			.map(person -> new Assignable(person.user().email(), person.user().displayName()))
			.sorted(Comparator.comparing(Assignable::name))
			.toList();
	}

	public Optional<Assignable> find(VigilUser viewer, String email) {
		return of(viewer).stream().filter(person -> person.email().equalsIgnoreCase(email.strip())).findFirst();
	}

}
