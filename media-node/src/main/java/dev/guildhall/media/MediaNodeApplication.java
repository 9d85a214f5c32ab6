package dev.guildhall.media;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MediaNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediaNodeApplication.class, args);
    }
}
