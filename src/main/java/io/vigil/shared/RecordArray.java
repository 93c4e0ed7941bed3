package io.vigil.shared;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A JSON array of a {@link RecordTree}: its elements in an array of exactly their number.
 * Immutable; elements are never null.
 */
final class RecordArray extends AbstractList<Object> implements RandomAccess {

	private final Object[] elements;

	RecordArray(Object[] elements) {
		this.elements = elements;
	}

	@Override
	public Object get(int index) {
		return elements[index];
	}

	@Override
	public int size() {
		return elements.length;
	}

}
