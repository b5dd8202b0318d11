// Filled in by the calling issue: a fake Puzzel server on loopback.
