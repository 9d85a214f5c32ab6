package dev.guildhall.voice.state;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where voice sessions and conference placements live (Redis in the service, ADR 100; memory in unit tests).
 * A user has at most one session; each channel with people in it has a conference on one media node.
 */
public interface VoiceSessions {

    Optional<VoiceSession> ofUser(long userId);

    /** The channel's sessions, first joined first. */
    List<VoiceSession> inChannel(long channelId);

    /** Everyone in a voice channel of the server (for READY), first joined first. */
    List<VoiceSession> inServer(long serverId);

    void put(VoiceSession session);

    /** Removes the user's session; true when its channel is empty afterwards. */
    boolean remove(VoiceSession session);

    Optional<String> conferenceNode(long channelId);

    void setConferenceNode(long channelId, String nodeId);

    void removeConference(long channelId);

    /** Channel ids that have a conference. */
    Set<Long> conferences();
}
