package io.vigil.ingest;

import java.nio.charset.StandardCharsets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Turns a sign-in record (UTF-8 JSON, 3 to 12 KB) into the bytes stored and back. With a
 * dictionary trained on the organization's own records a record compresses to a few
 * hundred bytes (zstd level 3, about 4 µs); before an organization has one, plain zstd
 * gives about a fifth of the size. Rows copied from before compression are their UTF-8
 * JSON, recognized by the opening brace (a zstd frame starts with its magic number
 * instead).
 */
@Component
class SignInRecordCodec {

	static final int LEVEL = 3;

	/** Far above any sign-in Graph sends (the reader caps a record well below this). */
	private static final long LARGEST_RECORD = 16L * 1024 * 1024;

	private final SignInDictionaries dictionaries;

	private final Cache<Integer, ZstdDictCompress> compressors = Caffeine.newBuilder().maximumSize(256).build();

	private final Cache<Integer, ZstdDictDecompress> decompressors = Caffeine.newBuilder().maximumSize(1_000).build();

	SignInRecordCodec(SignInDictionaries dictionaries) {
		this.dictionaries = dictionaries;
	}

	/**
	 * Compresses records of one organization, all with its current dictionary; close it
	 * when the page is done.
	 */
	Encoder encoder(OrganizationId organization) {
		var dictionary = dictionaries.current(organization);
		if (dictionary.isEmpty()) {
			return new Encoder(null, null);
		}
		var id = dictionary.get().id();
		return new Encoder(id, compressors.get(id, key -> new ZstdDictCompress(dictionaries.byId(key).bytes(), LEVEL)));
	}

	String decode(byte[] stored, @Nullable Integer dictionary) {
		if (stored.length > 0 && stored[0] == '{') {
			return new String(stored, StandardCharsets.UTF_8);
		}
		var size = Zstd.getFrameContentSize(stored);
		if (size < 0 || size > LARGEST_RECORD) {
			throw new IllegalStateException("A stored sign-in record is not a readable zstd frame (" + size + ")");
		}
		var json = dictionary == null ? Zstd.decompress(stored, (int) size)
				: Zstd.decompress(stored,
						decompressors.get(dictionary, key -> new ZstdDictDecompress(dictionaries.byId(key).bytes())),
						(int) size);
		return new String(json, StandardCharsets.UTF_8);
	}

	/**
	 * One page's compressor: the dictionary it uses (null for none) and one zstd context
	 * for all its records. A context per record (what {@code Zstd.compress} does) cost
	 * four times the compression itself: 18 µs a record instead of 4.
	 */
	static final class Encoder implements AutoCloseable {

		private final @Nullable Integer dictionary;

		private final ZstdCompressCtx context = new ZstdCompressCtx();

		/** Where records are compressed before being copied out at their size. */
		private byte[] scratch = new byte[0];

		Encoder(@Nullable Integer dictionary, @Nullable ZstdDictCompress compressor) {
			this.dictionary = dictionary;
			context.setLevel(LEVEL);
			if (compressor != null) {
				context.loadDict(compressor);
			}
		}

		@Nullable Integer dictionary() {
			return dictionary;
		}

		/**
		 * @param json a record, UTF-8 JSON
		 */
		byte[] encode(byte[] json) {
			return encode(io.vigil.graph.RecordBytes.of(json));
		}

		/**
		 * Compresses a record where it lies in its page, through one buffer for the whole
		 * page.
		 */
		byte[] encode(io.vigil.graph.RecordBytes json) {
			var bound = (int) Zstd.compressBound(json.length());
			if (scratch.length < bound) {
				scratch = new byte[bound];
			}
			var size = context.compressByteArray(scratch, 0, scratch.length, json.source(), json.offset(),
					json.length());
			return java.util.Arrays.copyOf(scratch, size);
		}

		@Override
		public void close() {
			context.close();
		}

	}

}
