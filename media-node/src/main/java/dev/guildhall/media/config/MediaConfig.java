package dev.guildhall.media.config;

import dev.guildhall.common.voice.VoiceTokens;
import dev.guildhall.media.conference.ConferenceRegistry;
import dev.guildhall.media.conference.MediaEngine;
import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.ice.IceHarvesters;
import dev.guildhall.media.srtp.SrtpSession;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The media plane's singletons: the UDP port, the DTLS certificate, the conferences. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MediaProperties.class, VoiceTokenProperties.class})
public class MediaConfig {

    @Bean(destroyMethod = "close")
    IceHarvesters iceHarvesters(MediaProperties properties) throws UnknownHostException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress advertised = properties.publicAddress() == null || properties.publicAddress().isBlank()
                ? IceHarvesters.firstNonLoopbackIpv4(loopback)
                : InetAddress.getByName(properties.publicAddress());
        return new IceHarvesters(advertised, properties.udpPort());
    }

    @Bean
    DtlsCertificate dtlsCertificate() {
        SrtpSession.warmUp();
        return DtlsCertificate.generate();
    }

    @Bean(destroyMethod = "close")
    MediaEngine mediaEngine(IceHarvesters harvesters, DtlsCertificate certificate, MediaProperties properties) {
        return new MediaEngine(harvesters, certificate, properties.sendQueueCapacity(), properties.sendThreads(),
                properties.minBitrate(), properties.maxBitrate());
    }

    @Bean(destroyMethod = "close")
    ConferenceRegistry conferenceRegistry(MediaEngine engine) {
        return new ConferenceRegistry(engine);
    }

    @Bean
    VoiceTokens voiceTokens(VoiceTokenProperties properties) {
        return new VoiceTokens(properties.tokenSecret());
    }
}
