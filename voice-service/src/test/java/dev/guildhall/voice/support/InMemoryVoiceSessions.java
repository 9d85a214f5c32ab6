package dev.guildhall.voice.support;

import dev.guildhall.voice.state.VoiceSession;
import dev.guildhall.voice.state.VoiceSessions;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Voice sessions and conference placements in memory, as Redis keeps them for the service. */
public final class InMemoryVoiceSessions implements VoiceSessions {

    private final Map<Long, VoiceSession> byUser = new HashMap<>();
    private final Map<Long, String> conferences = new HashMap<>();

    @Override
    public Optional<VoiceSession> ofUser(long userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    @Override
    public List<VoiceSession> inChannel(long channelId) {
        return byUser.values().stream().filter(s -> s.channelId() == channelId)
                .sorted(Comparator.comparing(VoiceSession::joinedAt)).toList();
    }

    @Override
    public List<VoiceSession> inServer(long serverId) {
        return byUser.values().stream().filter(s -> s.serverId() == serverId)
                .sorted(Comparator.comparing(VoiceSession::joinedAt)).toList();
    }

    @Override
    public void put(VoiceSession session) {
        byUser.put(session.userId(), session);
    }

    @Override
    public boolean remove(VoiceSession session) {
        byUser.remove(session.userId());
        return inChannel(session.channelId()).isEmpty();
    }

    @Override
    public Optional<String> conferenceNode(long channelId) {
        return Optional.ofNullable(conferences.get(channelId));
    }

    @Override
    public void setConferenceNode(long channelId, String nodeId) {
        conferences.put(channelId, nodeId);
    }

    @Override
    public void removeConference(long channelId) {
        conferences.remove(channelId);
    }

    @Override
    public Set<Long> conferences() {
        return Set.copyOf(conferences.keySet());
    }
}
