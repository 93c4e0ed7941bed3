package io.vigil.detection;

/** What, besides tenant and rule, makes two matches the same incident. */
public enum DedupField {

	/** The signed-in account (Graph user id, else the UPN). */
	ACCOUNT,
	/** The sign-in's IP address. */
	IP_ADDRESS,
	/** The application signed in to. */
	APP,
	/** The country the sign-in came from. */
	COUNTRY

}
