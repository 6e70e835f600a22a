"""The offline demo: recorded feed payloads served by a loopback replay server."""
