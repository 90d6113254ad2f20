package io.codis.common.slot;

/**
 * CRC-32/IEEE (reflected, polynomial 0xEDB88320, the CRC of zlib and Go's crc32.ChecksumIEEE), a byte or
 * eight bytes at a time (slicing-by-8). A running value starts at {@link #INITIAL}; the CRC of the bytes
 * fed is {@code ~value}.
 */
final class Crc32Ieee {

    static final int INITIAL = ~0;

    /** Eight tables of 256 entries: table k gives the effect of a byte followed by k zero bytes. */
    private static final int[] TABLES = tables();

    private Crc32Ieee() {
    }

    static int update(int crc, byte b) {
        return TABLES[(crc ^ b) & 0xff] ^ (crc >>> 8);
    }

    /** The running value after the eight bytes of {@code word}, its least significant byte first. */
    static int update(int crc, long word) {
        int low = (int) word ^ crc;
        int high = (int) (word >>> 32);
        return TABLES[7 * 256 + (low & 0xff)] ^ TABLES[6 * 256 + ((low >>> 8) & 0xff)]
                ^ TABLES[5 * 256 + ((low >>> 16) & 0xff)] ^ TABLES[4 * 256 + (low >>> 24)]
                ^ TABLES[3 * 256 + (high & 0xff)] ^ TABLES[2 * 256 + ((high >>> 8) & 0xff)]
                ^ TABLES[256 + ((high >>> 16) & 0xff)] ^ TABLES[high >>> 24];
    }

    private static int[] tables() {
        int[] tables = new int[8 * 256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            tables[n] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                int previous = tables[(k - 1) * 256 + n];
                tables[k * 256 + n] = (previous >>> 8) ^ tables[previous & 0xff];
            }
        }
        return tables;
    }
}
