package io.vigil.graph;

import java.util.List;

/**
 * A user of a customer tenant as Entra reports it.
 *
 * @param directoryRoles the administrator roles the user holds (empty for ordinary users)
 */
public record DirectoryUser(String id, String userPrincipalName, String displayName, boolean accountEnabled,
		List<String> directoryRoles) {

	public DirectoryUser {
		directoryRoles = List.copyOf(directoryRoles);
	}

	/**
	 * Holds an administrator role: acting on it needs more care (and the app a directory
	 * role of its own).
	 */
	public boolean privileged() {
		return !directoryRoles.isEmpty();
	}

}
