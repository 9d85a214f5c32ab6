package dev.guildhall.data.db;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/** A service on Boot's single {@code spring.datasource} (auth-service): that is its global database. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataAutoConfiguration.class})
public class GlobalDataSourceAutoConfiguration {

    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean(GlobalDatabase.class)
    GlobalDatabase globalDatabase(DataSource dataSource) {
        return GlobalDatabase.of(dataSource);
    }
}
