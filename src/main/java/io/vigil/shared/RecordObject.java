package io.vigil.shared;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A JSON object of a {@link RecordTree}: its members in the order read, in two arrays,
 * looked up through a table of indexes when there are more than a few: no entry objects
 * and no spare capacity, unlike a {@code LinkedHashMap}, since a replica holds the trees
 * of the pages detection has not evaluated yet. Immutable; values are never null.
 */
final class RecordObject extends AbstractMap<String, Object> {

	/** Up to this many members a lookup scans the names; a table beyond. */
	private static final int SCANNED = 8;

	private final String[] names;

	private final Object[] values;

	/** Index + 1 of the member at each slot, 0 for an empty slot; null when scanned. */
	private final int @Nullable [] slots;

	/** The members read: every one but for a record's top level read with a selection. */
	private final MemberSelection members;

	private RecordObject(String[] names, Object[] values, int @Nullable [] slots, MemberSelection members) {
		this.names = names;
		this.values = values;
		this.slots = slots;
		this.members = members;
	}

	/**
	 * The object of the name-value pairs at {@code pairs[from, to)}; a name given twice
	 * keeps its first place and its last value, as a {@code Map.put} would. An object of
	 * which only some {@code members} were read cannot be iterated: what it would list is
	 * not the record's.
	 */
	static RecordObject of(Object[] pairs, int from, int to, MemberSelection members) {
		var count = (to - from) / 2;
		var names = new String[count];
		var values = new Object[count];
		var slots = count > SCANNED ? new int[Integer.highestOneBit(count * 2 - 1) << 1] : null;
		var object = new RecordObject(names, values, slots, members);
		int size = 0;
		for (int i = from; i < to; i += 2) {
			var name = (String) pairs[i];
			var index = object.indexOf(name, size);
			if (index >= 0) {
				values[index] = pairs[i + 1];
				continue;
			}
			names[size] = name;
			values[size] = pairs[i + 1];
			if (slots != null) {
				slots[object.freeSlot(name)] = size + 1;
			}
			size++;
		}
		return size == count ? object
				: new RecordObject(Arrays.copyOf(names, size), Arrays.copyOf(values, size), slots, members);
	}

	MemberSelection members() {
		return members;
	}

	/** Refuses to list the members of an object read only in part. */
	private void complete() {
		if (!members.all()) {
			throw new IllegalStateException("Only some members of this record were read (" + members
					+ "); parse the whole record to list them");
		}
	}

	@Override
	public String toString() {
		return members.all() ? super.toString() : "a record read in part, " + names.length + " members";
	}

	@Override
	public @Nullable Object get(@Nullable Object key) {
		var index = key instanceof String name ? indexOf(name, names.length) : -1;
		return index < 0 ? null : values[index];
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return get(key) != null;
	}

	@Override
	public int size() {
		return names.length;
	}

	@Override
	public boolean isEmpty() {
		return names.length == 0;
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super Object> action) {
		complete();
		for (int i = 0; i < names.length; i++) {
			action.accept(names[i], values[i]);
		}
	}

	@Override
	public Collection<Object> values() {
		complete();
		return Collections.unmodifiableList(Arrays.asList(values));
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		complete();
		return new AbstractSet<>() {

			@Override
			public int size() {
				return names.length;
			}

			@Override
			public Iterator<Entry<String, Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return next < names.length;
					}

					@Override
					public Entry<String, Object> next() {
						if (next >= names.length) {
							throw new NoSuchElementException();
						}
						var entry = new SimpleImmutableEntry<>(names[next], values[next]);
						next++;
						return entry;
					}

				};
			}

		};
	}

	/** The index of the member {@code name} among the first {@code size}, or -1. */
	private int indexOf(String name, int size) {
		if (slots == null) {
			for (int i = 0; i < size; i++) {
				if (names[i].equals(name)) {
					return i;
				}
			}
			return -1;
		}
		var mask = slots.length - 1;
		for (int slot = spread(name.hashCode()) & mask;; slot = (slot + 1) & mask) {
			var index = slots[slot] - 1;
			if (index < 0) {
				return -1;
			}
			if (names[index].equals(name)) {
				return index;
			}
		}
	}

	/** The empty slot where {@code name}, not in the table yet, goes. */
	private int freeSlot(String name) {
		var mask = slots.length - 1;
		var slot = spread(name.hashCode()) & mask;
		while (slots[slot] != 0) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	private static int spread(int hash) {
		return hash ^ (hash >>> 16);
	}

}
