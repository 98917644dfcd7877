package dev.polyledger.devmongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexKeyType} orders keys exactly as H2's {@link ObjectDataType} orders them on disk: by their serialized
 * bytes, unsigned. Checked on every pair of a varied set of keys: UUIDs, ASCII strings of many lengths (the fast
 * path), and keys it must leave to ObjectDataType (non-ASCII, NUL, numbers, two values).
 */
class IndexKeyTypeTest {
    private final IndexKeyType type = new IndexKeyType();

    @Test
    void ordersEveryPairOfKeysAsTheirSerializedBytes() {
        List<KeyValue> keys = keys();
        for (KeyValue a : keys) {
            byte[] serializedA = ObjectDataType.serialize(a);
            for (KeyValue b : keys) {
                int expected = Integer.signum(ObjectDataType.compareNotNull(serializedA, ObjectDataType.serialize(b)));
                assertThat(Integer.signum(type.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
            }
        }
    }

    @Test
    void equalKeysCompareEqual() {
        String id = UUID.randomUUID().toString();

        assertThat(type.compare(new KeyValue(id), new KeyValue(id))).isZero();
    }

    private static List<KeyValue> keys() {
        Random random = new Random(42);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(new KeyValue(UUID.randomUUID().toString()));
        }
        for (int length : new int[] {0, 1, 2, 5, 35, 36, 37, 127, 128, 255, 256, 300}) {
            for (int i = 0; i < 3; i++) {
                StringBuilder text = new StringBuilder();
                for (int c = 0; c < length; c++) {
                    text.append((char) (1 + random.nextInt(0x7F)));
                }
                keys.add(new KeyValue(text.toString()));
            }
        }
        keys.add(new KeyValue("a"));
        keys.add(new KeyValue("b"));
        keys.add(new KeyValue("ab"));
        keys.add(new KeyValue("a\u0000"));
        keys.add(new KeyValue("\u00e9t\u00e9"));
        keys.add(new KeyValue("\uD83D\uDE00"));
        keys.add(new KeyValue("z\u007f"));
        keys.add(new KeyValue(42));
        keys.add(new KeyValue(42L));
        keys.add(new KeyValue("a", "b"));
        keys.add(new KeyValue(UUID.randomUUID().toString(), 1));
        return keys;
    }
}
