package org.weimin.ops.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The hash chain of the tamper-evident ledger (issue 7): each stored event's {@value #METADATA_KEY} (64 lowercase hex
 * digits, in the event's metadata) is SHA-256 over its canonical bytes, which include the previous event's hash of the
 * same case (aggregate).
 *
 * <p><b>Canonical bytes, version 1</b> (everything as stored in {@code DomainEventEntry}; a "field" is a 4-byte
 * big-endian length followed by that many bytes, length -1 and no bytes for SQL NULL; strings are UTF-8):
 * <ol>
 *   <li>the 16 ASCII bytes {@code weimin-ledger-v1};</li>
 *   <li>the previous hash: 32 bytes, the stored {@value #METADATA_KEY} of the event with sequence number n-1 of the
 *       same aggregate, or 32 zero bytes for sequence 0 and for an event whose predecessor has no hash (the chain
 *       starts after legacy events appended before the ledger existed);</li>
 *   <li>fields: {@code eventIdentifier}, {@code type} (aggregate type), {@code aggregateIdentifier};</li>
 *   <li>{@code sequenceNumber}: 8 bytes big-endian;</li>
 *   <li>fields: {@code timeStamp} (the stored text, Axon's ISO-8601 form), {@code payloadType},
 *       {@code payloadRevision}, {@code payload} (the serialized bytes as stored);</li>
 *   <li>field: the canonical metadata: the stored metadata JSON object without the key {@value #METADATA_KEY},
 *       re-written by Jackson with the keys of every object sorted (by {@link String#compareTo}), no whitespace.</li>
 * </ol>
 * The global index is not hashed (the database assigns it after the hash is computed); the verifier checks instead
 * that it grows with the sequence number. Snapshots are not part of the chain.
 */
public final class LedgerHash {
    /** The metadata key that holds the event's hash. */
    public static final String METADATA_KEY = "ledgerHash";
    /** The hash of "no previous event": 32 zero bytes. */
    public static final byte[] GENESIS = new byte[32];
    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] TAG = "weimin-ledger-v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private LedgerHash() {
    }

    /** One stored event row, as the hash sees it; {@code metaData} is the stored JSON (it may hold the hash). */
    public record Row(String eventIdentifier, String aggregateType, String aggregateIdentifier, long sequenceNumber,
                      String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                      byte[] metaData) {
    }

    /**
     * SHA-256 of the canonical bytes of {@code row} chained to {@code previous} (32 bytes).
     *
     * @param canonicalMetadata the row's metadata as {@link #canonicalMetadata(ObjectNode)} gives it
     */
    public static byte[] hash(byte[] previous, Row row, byte[] canonicalMetadata) {
        if (previous.length != 32) {
            throw new IllegalArgumentException("a previous hash has 32 bytes");
        }
        MessageDigest sha = sha256();
        sha.update(TAG);
        sha.update(previous);
        field(sha, row.eventIdentifier());
        field(sha, row.aggregateType());
        field(sha, row.aggregateIdentifier());
        sha.update(ByteBuffer.allocate(8).putLong(row.sequenceNumber()).array());
        field(sha, row.timeStamp());
        field(sha, row.payloadType());
        field(sha, row.payloadRevision());
        field(sha, row.payload());
        field(sha, canonicalMetadata);
        return sha.digest();
    }

    /**
     * The canonical metadata of a stored metadata object: without {@value #METADATA_KEY}, keys sorted at every depth,
     * compact JSON.
     */
    public static byte[] canonicalMetadata(ObjectNode metadata) {
        try {
            ObjectNode copy = metadata.deepCopy();
            copy.remove(METADATA_KEY);
            return JSON.writeValueAsBytes(sorted(copy));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write canonical metadata", e);
        }
    }

    /**
     * Parses stored metadata bytes (a JSON object; null or empty: an empty object).
     *
     * @throws IllegalArgumentException when they are not a JSON object
     */
    public static ObjectNode parseMetadata(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(stored);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata is not JSON", e);
        }
        throw new IllegalArgumentException("metadata is not a JSON object");
    }

    /** The hash kept in parsed metadata, or null when there is none (a legacy event). */
    public static byte[] storedHash(ObjectNode metadata) {
        JsonNode value = metadata.get(METADATA_KEY);
        if (value == null) {
            return null;
        }
        String hex = value.asText("");
        if (hex.length() != 64) {
            throw new IllegalArgumentException("ledgerHash is not 64 hex digits");
        }
        return HEX.parseHex(hex);
    }

    /** Lowercase hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Parses lowercase or uppercase hex. */
    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /** A fresh SHA-256 digest (the JDK's). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static void field(MessageDigest sha, String value) {
        field(sha, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static void field(MessageDigest sha, byte[] value) {
        int length = value == null ? -1 : value.length;
        sha.update((byte) (length >>> 24));
        sha.update((byte) (length >>> 16));
        sha.update((byte) (length >>> 8));
        sha.update((byte) length);
        if (value != null) {
            sha.update(value);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = JSON.createObjectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.add(sorted(it.next()));
            }
            return out;
        }
        return node;
    }
}
