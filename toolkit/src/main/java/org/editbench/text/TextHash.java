package org.editbench.text;

/** A fast 64-bit hash of characters, for recognising texts seen before. */
public final class TextHash {
  private TextHash() {}

  /**
   * The hash of {@code text[from, to)}: four characters a step, then the rest one by one (each step
   * a rotation, an xor and a multiplication by an odd number: a bijection of the state, so texts
   * that differ in one step never collide), then MurmurHash3's finaliser over it and the length. A
   * quarter of the multiplications of FNV-1a over each character, whose chain of them was a
   * twentieth of scoring.
   */
  public static long of(char[] text, int from, int to) {
    long h = 0xcbf29ce484222325L;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      long word =
          text[i] | (long) text[i + 1] << 16 | (long) text[i + 2] << 32 | (long) text[i + 3] << 48;
      h = (Long.rotateLeft(h, 23) ^ word) * 0x9e3779b97f4a7c15L;
    }
    for (; i < to; i++) {
      h = (Long.rotateLeft(h, 23) ^ text[i]) * 0x9e3779b97f4a7c15L;
    }
    return mix(h ^ (long) (to - from) << 32);
  }

  /** MurmurHash3's 64-bit finaliser. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
