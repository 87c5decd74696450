package io.logflow.ingestor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generated input for the decoders' property tests: arbitrary bytes, and valid requests
 * with bytes replaced, cut, inserted or deleted. Seeded, so that a failing input is the
 * same on every run and can be found again by its index.
 */
public final class GeneratedInputs {

    private GeneratedInputs() {}

    public static List<byte[]> arbitraryBytes(long seed, int count, int maxSize) {
        Random random = new Random(seed);
        List<byte[]> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] input = new byte[random.nextInt(maxSize + 1)];
            random.nextBytes(input);
            inputs.add(input);
        }
        return inputs;
    }

    /**
     * {@code count} copies of {@code valid}, each with one to eight mutations; a replaced or
     * inserted byte is drawn from {@code alphabet}, or is any byte when it is empty.
     */
    public static List<byte[]> mutationsOf(byte[] valid, byte[] alphabet, long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] input = valid.clone();
            for (int mutations = 1 + random.nextInt(8); mutations > 0; mutations--) {
                byte value = alphabet.length == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                input = mutate(input, random.nextInt(4), input.length == 0 ? 0 : random.nextInt(input.length), value);
            }
            inputs.add(input);
        }
        return inputs;
    }

    private static byte[] mutate(byte[] input, int kind, int at, byte value) {
        return switch (kind) {
            case 0 -> replace(input, at, value);
            case 1 -> Arrays.copyOf(input, at);
            case 2 -> insert(input, at, value);
            default -> delete(input, at);
        };
    }

    private static byte[] replace(byte[] input, int at, byte value) {
        if (input.length > 0) {
            input[at] = value;
        }
        return input;
    }

    private static byte[] insert(byte[] input, int at, byte value) {
        byte[] longer = new byte[input.length + 1];
        System.arraycopy(input, 0, longer, 0, at);
        longer[at] = value;
        System.arraycopy(input, at, longer, at + 1, input.length - at);
        return longer;
    }

    private static byte[] delete(byte[] input, int at) {
        if (input.length == 0) {
            return input;
        }
        byte[] shorter = new byte[input.length - 1];
        System.arraycopy(input, 0, shorter, 0, at);
        System.arraycopy(input, at + 1, shorter, at, input.length - at - 1);
        return shorter;
    }
}
