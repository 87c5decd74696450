package io.logflow.devstack;

/**
 * A devstack Elasticsearch with its security on, as installed clusters have it: TLS on
 * HTTP, with a certificate authority and a node certificate made for the node
 * ({@code config/certs/ca.crt}, {@code node.crt}, {@code node.key}), and a file-realm
 * superuser created with {@code bin/elasticsearch-users} before it starts.
 */
public record ElasticsearchSecurity(String username, String password) {}
