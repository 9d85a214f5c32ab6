package dev.guildhall.message.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a message's content mentions, as Discord writes it: {@code <@id>} (or the legacy
 * {@code <@!id>}) for a user, {@code <@&id>} for a role, {@code @everyone} and {@code @here} for
 * everybody. Ids keep their order of first appearance, without duplicates, at most
 * {@value #MAX_PER_KIND} of each kind. Whether {@code @everyone} is <em>effective</em> depends on
 * the author's permissions and is decided elsewhere.
 *
 * @param everyone whether the content contains {@code @everyone} or {@code @here}
 */
public record Mentions(List<Long> users, List<Long> roles, boolean everyone) {

    public static final int MAX_PER_KIND = 100;
    public static final Mentions NONE = new Mentions(List.of(), List.of(), false);

    private static final Pattern TAG = Pattern.compile("<@([!&]?)(\\d{1,20})>");
    private static final Pattern EVERYONE = Pattern.compile("(?<![\\p{L}\\p{N}_])@(?:everyone|here)(?![\\p{L}\\p{N}_])");

    public Mentions {
        users = List.copyOf(users);
        roles = List.copyOf(roles);
    }

    public static Mentions parse(String content) {
        if (content == null || content.isEmpty()) {
            return NONE;
        }
        Set<Long> users = new LinkedHashSet<>();
        Set<Long> roles = new LinkedHashSet<>();
        Matcher m = TAG.matcher(content);
        while (m.find()) {
            long id;
            try {
                id = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                continue; // more than 2^63-1: not an id
            }
            if (id <= 0) {
                continue;
            }
            Set<Long> target = "&".equals(m.group(1)) ? roles : users;
            if (target.size() < MAX_PER_KIND) {
                target.add(id);
            }
        }
        return new Mentions(new ArrayList<>(users), new ArrayList<>(roles), EVERYONE.matcher(content).find());
    }
}
