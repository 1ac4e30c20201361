package no.deling.search;

/** The index's two sides, as the server wires them: queries, and the subscriber that keeps it. */
public record SearchService(Search search, SearchIndexer indexer) {}
