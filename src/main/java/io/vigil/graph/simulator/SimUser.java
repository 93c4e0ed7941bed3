package io.vigil.graph.simulator;

/** A user of a simulated tenant, with the place and address they usually sign in from. */
record SimUser(String id, String userPrincipalName, String displayName, String homeIp, int homeAsn, String city,
		String state, String country) {
}
