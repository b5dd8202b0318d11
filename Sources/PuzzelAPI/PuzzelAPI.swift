// Filled in by the calling issue: the HTTP client for Puzzel's APIs.
