package org.editbench.retrieval;

import java.util.Arrays;

/**
 * The distinct tokens of one text and how often each occurs, in order of first appearance; a token
 * is a range of the text's chars, compared by content. Open addressing over int arrays: this runs
 * for every token of every indexed file.
 */
final class TokenCounts {
  private static final int INITIAL_CAPACITY = 1 << 10;

  /** Above this many slots, {@link #clear()} starts again small rather than keep a large table. */
  private static final int KEPT_SLOTS = 1 << 16;

  /** Per distinct token, by order of first appearance: where it first occurs, and its count. */
  private int[] starts = new int[INITIAL_CAPACITY];

  private int[] ends = new int[INITIAL_CAPACITY];
  private int[] counts = new int[INITIAL_CAPACITY];
  private int[] hashes = new int[INITIAL_CAPACITY];

  /**
   * Per distinct token, its slot in {@link #slots}, or for a one-char ASCII token minus one minus
   * the char: clearing empties those, not the tables.
   */
  private int[] slotOf = new int[INITIAL_CAPACITY];

  private int size;

  /** Hash table of token numbers plus one; 0 is an empty slot. At most half full. */
  private int[] slots = new int[2 * INITIAL_CAPACITY];

  /**
   * The numbers plus one of the one-char ASCII tokens, by char: punctuation and one-letter names,
   * about half of the tokens of source code, counted without hashing.
   */
  private final int[] asciiChars = new int[0x80];

  int size() {
    return size;
  }

  int start(int token) {
    return starts[token];
  }

  int end(int token) {
    return ends[token];
  }

  int count(int token) {
    return counts[token];
  }

  /** Forgets every token, to count another text. */
  void clear() {
    if (slots.length > KEPT_SLOTS) {
      starts = new int[INITIAL_CAPACITY];
      ends = new int[INITIAL_CAPACITY];
      counts = new int[INITIAL_CAPACITY];
      hashes = new int[INITIAL_CAPACITY];
      slotOf = new int[INITIAL_CAPACITY];
      slots = new int[2 * INITIAL_CAPACITY];
      Arrays.fill(asciiChars, 0);
    } else {
      for (int token = 0; token < size; token++) {
        int slot = slotOf[token];
        if (slot >= 0) {
          slots[slot] = 0;
        } else {
          asciiChars[-1 - slot] = 0;
        }
      }
    }
    size = 0;
  }

  /**
   * Counts the token {@code text[start, end)}; every token of one count comes from the same array.
   */
  void add(char[] text, int start, int end) {
    add(text, start, end, hash(text, start, end));
  }

  /** The hash {@link #add(char[], int, int, int)} takes: {@link String#hashCode()}'s. */
  static int hash(char[] text, int start, int end) {
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text[i];
    }
    return hash;
  }

  /**
   * Counts the token {@code text[start, end)} whose {@link #hash} its caller computed while
   * scanning it.
   */
  void add(char[] text, int start, int end, int hash) {
    if (end - start == 1 && text[start] < 0x80) {
      char c = text[start];
      int entry = asciiChars[c] - 1;
      if (entry < 0) {
        asciiChars[c] = append(start, end, 0, -1 - c) + 1;
      } else {
        counts[entry]++;
      }
      return;
    }
    int mask = slots.length - 1;
    // The high bits mixed into the low ones that pick the slot, as java.util.HashMap does.
    for (int slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        slots[slot] = append(start, end, hash, slot) + 1;
        if (2 * size > slots.length) {
          rehash();
        }
        return;
      }
      if (hashes[entry] == hash
          && Arrays.equals(text, starts[entry], ends[entry], text, start, end)) {
        counts[entry]++;
        return;
      }
    }
  }

  private int append(int start, int end, int hash, int slot) {
    if (size == starts.length) {
      int capacity = 2 * size;
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
      counts = Arrays.copyOf(counts, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
      slotOf = Arrays.copyOf(slotOf, capacity);
    }
    starts[size] = start;
    ends[size] = end;
    counts[size] = 1;
    hashes[size] = hash;
    slotOf[size] = slot;
    return size++;
  }

  private void rehash() {
    slots = new int[2 * slots.length];
    int mask = slots.length - 1;
    for (int entry = 0; entry < size; entry++) {
      if (slotOf[entry] < 0) {
        continue; // a one-char ASCII token, not in the table
      }
      int hash = hashes[entry];
      int slot = (hash ^ (hash >>> 16)) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = entry + 1;
      slotOf[entry] = slot;
    }
  }
}
