package dev.guildhall.media.conference;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Speaking detection and dominant speaker from RFC 6464 audio levels. A participant starts speaking
 * when enough recent packets are louder than the threshold and stops after a hang-over of quiet, so
 * indicators do not flicker between words. The dominant speaker is the one with the most speech
 * energy over the last second, replaced only by someone clearly louder.
 */
public final class SpeakerDetector {

    /** Levels are -dBov: 0 is loudest, 127 silence. Speech is typically 20–55. */
    static final int SPEECH_LEVEL = 60;
    static final long HANGOVER_NANOS = 800_000_000L;
    static final int PACKETS_TO_START = 3;
    private static final double DECAY = 0.95;
    private static final double SWITCH_MARGIN = 1.3;

    private final BiConsumer<String, Boolean> onSpeaking;
    private final Consumer<String> onDominant;
    private final Map<String, State> states = new HashMap<>();
    private String dominant;

    public SpeakerDetector(BiConsumer<String, Boolean> onSpeaking, Consumer<String> onDominant) {
        this.onSpeaking = onSpeaking;
        this.onDominant = onDominant;
    }

    /** One audio packet's level from {@code userId}. */
    public void level(String userId, int level, long nowNanos) {
        Boolean changed = null;
        String newDominant = null;
        synchronized (this) {
            State s = states.computeIfAbsent(userId, u -> new State());
            boolean loud = level >= 0 && level < SPEECH_LEVEL;
            s.energy = s.energy * DECAY + (loud ? (SPEECH_LEVEL - level) : 0);
            if (loud) {
                s.lastLoud = nowNanos;
                s.loudRun++;
                if (!s.speaking && s.loudRun >= PACKETS_TO_START) {
                    s.speaking = true;
                    changed = true;
                }
            } else {
                s.loudRun = 0;
                if (s.speaking && nowNanos - s.lastLoud > HANGOVER_NANOS) {
                    s.speaking = false;
                    changed = false;
                }
            }
            if (s.speaking && !userId.equals(dominant)) {
                State current = dominant == null ? null : states.get(dominant);
                if (current == null || !current.speaking || s.energy > current.energy * SWITCH_MARGIN) {
                    dominant = userId;
                    newDominant = userId;
                }
            }
        }
        if (changed != null) {
            onSpeaking.accept(userId, changed);
        }
        if (newDominant != null) {
            onDominant.accept(newDominant);
        }
    }

    /** Ends speaking of someone who left, or stopped sending audio altogether. */
    public void remove(String userId) {
        boolean wasSpeaking;
        synchronized (this) {
            State s = states.remove(userId);
            wasSpeaking = s != null && s.speaking;
            if (userId.equals(dominant)) {
                dominant = null;
            }
        }
        if (wasSpeaking) {
            onSpeaking.accept(userId, false);
        }
    }

    /** Speakers whose audio stopped arriving: call periodically so a muted mic ends "speaking". */
    public void tick(long nowNanos) {
        java.util.List<String> stopped = new java.util.ArrayList<>();
        synchronized (this) {
            states.forEach((user, s) -> {
                if (s.speaking && nowNanos - s.lastLoud > HANGOVER_NANOS) {
                    s.speaking = false;
                    stopped.add(user);
                }
            });
        }
        stopped.forEach(u -> onSpeaking.accept(u, false));
    }

    /**
     * Tells {@code onSpeaking} who is speaking now and {@code onDominant} the dominant speaker, if any:
     * what a newcomer missed. Called under this detector's lock, so no change is decided in between and
     * a newer change's frame cannot be overtaken by this (older) state; the callbacks must not block
     * for long (a fresh connection's socket takes a few small frames at once).
     */
    public synchronized void replay(BiConsumer<String, Boolean> onSpeaking, Consumer<String> onDominant) {
        states.forEach((user, s) -> {
            if (s.speaking) {
                onSpeaking.accept(user, true);
            }
        });
        if (dominant != null) {
            onDominant.accept(dominant);
        }
    }

    public synchronized String dominant() {
        return dominant;
    }

    private static final class State {
        boolean speaking;
        long lastLoud;
        int loudRun;
        double energy;
    }
}
