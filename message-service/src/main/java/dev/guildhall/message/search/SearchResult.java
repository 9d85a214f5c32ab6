package dev.guildhall.message.search;

import dev.guildhall.message.message.MessageView;

import java.util.List;

/** One page of search results, newest first, and how many messages match in all. */
public record SearchResult(long totalResults, List<MessageView> messages) {
}
