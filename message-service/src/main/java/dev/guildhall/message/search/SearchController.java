package dev.guildhall.message.search;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    /**
     * Full-text search over the server's channels the caller may read, newest first, with the
     * total count. {@code before}/{@code after} are message ids.
     */
    @GetMapping("/api/v1/servers/{serverId}/messages/search")
    SearchResult search(Caller caller, @PathVariable String serverId, @RequestParam(required = false) String q,
                        @RequestParam(name = "author_id", required = false) String authorId,
                        @RequestParam(name = "channel_id", required = false) String channelId,
                        @RequestParam(required = false) String before,
                        @RequestParam(required = false) String after,
                        @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) Integer offset) {
        return search.search(caller.userId(), Snowflake.parse(serverId),
                new SearchService.Query(q, authorId, channelId, before, after, limit, offset));
    }
}
