package io.vigil.graph;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record's bytes as Graph sent them (UTF-8 JSON): a slice of the page it came in. A
 * page is held until it is stored anyway; copying each record out of it was 7.6 of the
 * 9.5 KB reading a page allocated per sign-in. Nothing writes to a page once read.
 */
public record RecordBytes(byte[] source, int offset, int length) {

	public RecordBytes {
		Objects.checkFromIndexSize(offset, length, source.length);
	}

	/** All of {@code bytes}. */
	public static RecordBytes of(byte[] bytes) {
		return new RecordBytes(bytes, 0, bytes.length);
	}

	/** A copy of the bytes. */
	public byte[] toArray() {
		return Arrays.copyOfRange(source, offset, offset + length);
	}

	/** The record as text. */
	public String text() {
		return new String(source, offset, length, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RecordBytes bytes && Arrays.equals(source, offset, offset + length, bytes.source,
				bytes.offset, bytes.offset + bytes.length);
	}

	@Override
	public int hashCode() {
		int hash = 1;
		for (int i = offset; i < offset + length; i++) {
			hash = 31 * hash + source[i];
		}
		return hash;
	}

	@Override
	public String toString() {
		return text();
	}

}
