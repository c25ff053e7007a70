package org.editbench.retrieval;

/** A retrieved file: its path in the repository and its BM25Okapi score for the query. */
public record ScoredPath(String path, double score) {}
