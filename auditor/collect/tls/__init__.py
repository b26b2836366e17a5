"""TLS and HTTP evidence for endpoints (collector `tls.endpoint`)."""
