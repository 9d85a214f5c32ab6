package dev.guildhall.websocket.fanout;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.SessionRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The audiences events have, all answered from the permission cache. */
public final class Audiences {

    private final ServerCache cache;

    public Audiences(ServerCache cache) {
        this.cache = cache;
    }

    /** Members who may VIEW_CHANNEL the channel (messages, typing, reactions, pins, channel updates). */
    public Audience channel(long serverId, long channelId) {
        return new ServerScoped(serverId) {
            @Override
            boolean allowed(ServerState state, long userId) {
                return state.canView(userId, channelId);
            }
        };
    }

    /** Every member (server, role and member events, presences). */
    public Audience server(long serverId) {
        return new ServerScoped(serverId) {
            @Override
            boolean allowed(ServerState state, long userId) {
                return state.isMember(userId);
            }
        };
    }

    /** Every member but one user (a user's own presence goes to the others). */
    public Audience serverExcept(long serverId, long userId) {
        return new ServerScoped(serverId) {
            @Override
            boolean allowed(ServerState state, long member) {
                return member != userId && state.isMember(member);
            }
        };
    }

    /** Members holding a permission: in the channel when one is given, else server-wide. */
    public Audience withPermission(long serverId, long channelId, Permission permission) {
        return new ServerScoped(serverId) {
            @Override
            boolean allowed(ServerState state, long userId) {
                long bits = channelId != 0 && state.channel(channelId) != null
                        ? state.permissions(userId, channelId) : state.basePermissions(userId);
                return permission.in(bits);
            }
        };
    }

    /** The sessions of some users (direct messages, USER_UPDATE). */
    public static Audience users(Set<Long> userIds) {
        return new Audience() {
            @Override
            public Iterable<GatewaySession> candidates(SessionRegistry sessions) {
                List<GatewaySession> out = new ArrayList<>();
                for (Long userId : userIds) {
                    out.addAll(sessions.ofUser(userId));
                }
                return out;
            }

            @Override
            public boolean includes(GatewaySession session) {
                return userIds.contains(session.userId());
            }
        };
    }

    /**
     * The user's own sessions and those of everyone who shares a server with the user (a changed public
     * profile, ADR 257): each session once, however many servers it shares.
     */
    public Audience sharingAServerWith(long userId) {
        return new Audience() {
            @Override
            public Iterable<GatewaySession> candidates(SessionRegistry sessions) {
                java.util.Map<String, GatewaySession> out = new java.util.LinkedHashMap<>();
                for (GatewaySession own : sessions.ofUser(userId)) {
                    out.put(own.id(), own);
                }
                for (ServerState state : cache.serversOf(userId)) {
                    for (GatewaySession s : sessions.inServer(state.serverId())) {
                        out.putIfAbsent(s.id(), s);
                    }
                }
                return out.values();
            }

            @Override
            public boolean includes(GatewaySession session) {
                if (session.userId() == userId) {
                    return true;
                }
                for (long serverId : session.servers()) {
                    ServerState state = cache.get(serverId);
                    if (state != null && state.isMember(userId) && state.isMember(session.userId())) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /** Exactly these sessions (per-user payloads, visibility changes computed at event time). */
    public static Audience sessions(Set<String> sessionIds) {
        return new Audience() {
            @Override
            public Iterable<GatewaySession> candidates(SessionRegistry sessions) {
                List<GatewaySession> out = new ArrayList<>();
                for (String id : sessionIds) {
                    GatewaySession s = sessions.get(id);
                    if (s != null) {
                        out.add(s);
                    }
                }
                return out;
            }

            @Override
            public boolean includes(GatewaySession session) {
                return sessionIds.contains(session.id());
            }
        };
    }

    private abstract class ServerScoped implements Audience {
        private final long serverId;

        ServerScoped(long serverId) {
            this.serverId = serverId;
        }

        abstract boolean allowed(ServerState state, long userId);

        @Override
        public Iterable<GatewaySession> candidates(SessionRegistry sessions) {
            return sessions.inServer(serverId);
        }

        @Override
        public boolean includes(GatewaySession session) {
            if (!session.inServer(serverId)) {
                return false;
            }
            ServerState state = cache.get(serverId);
            return state != null && allowed(state, session.userId());
        }
    }
}
