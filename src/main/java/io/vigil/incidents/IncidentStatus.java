package io.vigil.incidents;

/** Where an incident stands. New matches join an incident only while it is open. */
public enum IncidentStatus {

	NEW, IN_PROGRESS, CONFIRMED_COMPROMISE, DISMISSED_BENIGN, RESOLVED;

	public boolean isOpen() {
		return this == NEW || this == IN_PROGRESS || this == CONFIRMED_COMPROMISE;
	}

}
