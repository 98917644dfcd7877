package dev.polyledger.devmongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of mongo-java-server's unique-index maps ({@code _id} included) in the H2 store: H2's
 * {@link ObjectDataType}, same bytes on disk and same order, but without serializing to compare the common keys.
 *
 * <p>{@code ObjectDataType} orders objects it has no type of its own for ({@link KeyValue}, the index keys) by
 * their Java serialization, serializing both sides again on every comparison: a B-tree lookup cost a few dozen
 * serializations, the largest CPU cost of an insert in dev-mongo (measured with JFR, issue 5). For the keys this
 * platform uses, one string of printable ASCII ({@code _id}s are UUIDs, delivery ids, idempotency keys), that order
 * is known without serializing: a {@code KeyValue} always holds an {@code ArrayList}, so two such keys serialize to
 * the same bytes up to the string, which Java serialization writes as its length (two bytes, big-endian) and then
 * its characters, one byte each for U+0001..U+007F (modified UTF-8). Comparing those bytes unsigned, as
 * {@code ObjectDataType} does, is comparing the lengths, then the characters. Any other key is compared as before.
 * The order must stay exactly {@code ObjectDataType}'s, or the indexes of existing files would no longer be
 * searchable ({@code IndexKeyTypeTest} checks it against the serialized bytes).
 */
final class IndexKeyType extends ObjectDataType {
    /** Longest string Java serialization writes with a two-byte length (a longer one is a "long string"). */
    private static final int SHORT_STRING = 0xFFFF;

    @Override
    public int compare(Object a, Object b) {
        if (a != b && a instanceof KeyValue keyA && b instanceof KeyValue keyB) {
            String textA = asciiText(keyA), textB = asciiText(keyB);
            if (textA != null && textB != null) {
                int byLength = Integer.compare(textA.length(), textB.length());
                return byLength != 0 ? byLength : Integer.signum(textA.compareTo(textB));
            }
        }
        return super.compare(a, b);
    }

    /** The key's only value when it is a string of U+0001..U+007F of at most 65535 characters, else null. */
    private static String asciiText(KeyValue key) {
        if (key.size() != 1 || !(key.get(0) instanceof String text) || text.length() > SHORT_STRING) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c > 0x7F) {
                return null;
            }
        }
        return text;
    }
}
